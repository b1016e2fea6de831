using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Console.Web.Rendering;

/// <summary>
/// Renders a page (a Razor component) to HTML on the server with <see cref="HtmlRenderer"/>: static rendering, no
/// circuit, no script. Every page gets a <see cref="PageContext"/> (with a fresh anti-forgery token) and its model.
/// </summary>
internal static class PageRenderer
{
    // No script at all, styles from the console only, no framing: a page that shows payloads must not run theirs.
    private const string Policy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static async Task<IResult> RenderAsync<TPage>(HttpContext context, ApiUser? user, object? model, int statusCode = StatusCodes.Status200OK, string? notice = null)
        where TPage : IComponent
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var page = new PageContext(user, tokens.RequestToken ?? string.Empty, notice);
        var parameters = new Dictionary<string, object?> { ["Page"] = page };
        if (model is not null)
        {
            parameters["Model"] = model;
        }

        var loggers = context.RequestServices.GetRequiredService<ILoggerFactory>();
        await using var renderer = new HtmlRenderer(context.RequestServices, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(parameters)).ConfigureAwait(false);
            return output.ToHtmlString();
        }).ConfigureAwait(false);

        context.Response.Headers.ContentSecurityPolicy = Policy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "same-origin";
        return Results.Content("<!DOCTYPE html>\n" + html, "text/html; charset=utf-8", statusCode: statusCode);
    }
}
