using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Webhooks.Modular.Console.Web.Rendering;

/// <summary>The console's stylesheet, vendored in the plugin's assembly (no CDN, nothing to copy beside it).</summary>
internal static class Stylesheet
{
    private static readonly Lazy<byte[]> Bytes = new(() =>
    {
        using var stream = typeof(Stylesheet).Assembly.GetManifestResourceStream("console.css")
            ?? throw new InvalidOperationException("the console's stylesheet is missing from its assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(Bytes.Value, "text/css; charset=utf-8");
    }
}
