using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Webhooks.Modular.Bench.Targets;

/// <summary>
/// The baseline: a plain ASP.NET Core app on Kestrel with <c>POST /bare</c>, which reads the body and answers
/// 200 <c>{"ok":true}</c>. The host can be no faster than this on the same machine.
/// </summary>
internal sealed class BareTarget : IAsyncDisposable
{
    /// <summary>The baseline's only endpoint.</summary>
    public const string Path = "/bare";

    private static readonly byte[] Answer = """{"ok":true}"""u8.ToArray();

    private readonly WebApplication _app;

    private BareTarget(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the app listens.</summary>
    public Uri Address { get; }

    /// <summary>The benchmark's first argument that makes it serve the baseline as a process of its own (<c>ingest-peers</c>).</summary>
    public const string ServeCommand = "serve-bare";

    /// <summary>
    /// Serves the baseline in this process until SIGTERM, answering every POST path alike (<c>ingest-peers</c> posts
    /// to <c>/hooks/github</c>, the same URL as the host's).
    /// </summary>
    /// <param name="arguments">The address (<c>http://127.0.0.1:PORT</c>), then configuration arguments.</param>
    public static async Task ServeAsync(IReadOnlyList<string> arguments)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", arguments[0], .. arguments.Skip(1)] });
        var app = builder.Build();
        app.MapPost("/{**path}", AnswerAsync);
        await app.RunAsync();
    }

    /// <summary>Builds and starts the app on a free loopback port.</summary>
    public static async Task<BareTarget> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", LoopbackAddress.Urls, .. QuietLogging.Arguments] });
        var app = builder.Build();
        app.MapPost(Path, AnswerAsync);
        await app.StartAsync();
        return new BareTarget(app, LoopbackAddress.Of(app));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        // Read the body as the host does, so the baseline pays for the same bytes.
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Answer, context.RequestAborted);
    }
}
