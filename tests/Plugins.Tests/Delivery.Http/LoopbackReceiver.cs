using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

/// <summary>
/// A webhook receiver on real Kestrel at 127.0.0.1 (or another loopback address) on a free port: it records every
/// request (method, path, headers, body) and answers with <see cref="Reply"/>.
/// </summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private LoopbackReceiver(WebApplication app) => _app = app;

    /// <summary>The receiver's base address, such as <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The port it listens on.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>The answer to every request from now on.</summary>
    public ReceiverReply Reply { get; set; } = new();

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>The one request received; fails when there were none or several.</summary>
    public ReceivedRequest Single => Assert.Single(Requests);

    /// <summary>Starts a receiver.</summary>
    /// <param name="reply">Its answer; 200 with no body when not given.</param>
    /// <param name="address">A loopback address to listen on; 127.0.0.1 when not given.</param>
    /// <param name="port">The port; a free one when 0.</param>
    public static async Task<LoopbackReceiver> StartAsync(ReceiverReply? reply = null, IPAddress? address = null, int port = 0)
    {
        var listenOn = address ?? IPAddress.Loopback;
        Assert.True(IPAddress.IsLoopback(listenOn), "test receivers listen on loopback addresses only");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listenOn, port));
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app) { Reply = reply ?? new ReceiverReply() };
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseAddress = new Uri(bound + "/");
        return receiver;
    }

    /// <summary>An address on this receiver.</summary>
    public Uri At(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray()));

        var reply = Reply;
        try
        {
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }

            context.Response.StatusCode = reply.Status;
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            if (reply.Body is { Length: > 0 } bytes)
            {
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The sender gave up (a timeout) or stopped reading (a bounded excerpt): nothing more to answer.
        }
    }
}
