using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Webhooks.Modular.Bench.Targets;

/// <summary>
/// Where the delivery scenarios' destination points: a bare Kestrel app on a free loopback port that reads each
/// request's body, answers 200 with no body at once, and counts requests and distinct <c>webhook-id</c> headers (the
/// delivery's id, the same on every retry), so that lost and duplicated deliveries can be told apart.
/// </summary>
internal sealed class DeliveryReceiver : IAsyncDisposable
{
    /// <summary>The path the destination posts to; any path is answered the same way.</summary>
    public const string Path = "/receive";

    private const string IdHeader = "webhook-id";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private long _requests;
    private long _distinct;
    private long _withoutId;
    private long _lastNewIdAt;

    private DeliveryReceiver(WebApplication app)
    {
        _app = app;
        Address = LoopbackAddress.Of(app);
    }

    /// <summary>Where the receiver listens.</summary>
    public Uri Address { get; }

    /// <summary>The destination URL.</summary>
    public Uri Url => new(Address, Path);

    /// <summary>Requests received so far, duplicates included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Distinct <c>webhook-id</c> values received so far.</summary>
    public long Distinct => Interlocked.Read(ref _distinct);

    /// <summary>Requests that carried no <c>webhook-id</c> header (none expected: the destination signs with Standard Webhooks).</summary>
    public long WithoutId => Interlocked.Read(ref _withoutId);

    /// <summary>Requests whose <c>webhook-id</c> had been received before.</summary>
    public long Duplicates => Requests - WithoutId - Distinct;

    /// <summary>When the latest new id arrived (<see cref="Stopwatch"/> timestamp), or 0 when none did.</summary>
    public long LastNewIdAt => Interlocked.Read(ref _lastNewIdAt);

    /// <summary>Builds and starts the receiver on a free loopback port.</summary>
    public static async Task<DeliveryReceiver> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", LoopbackAddress.Urls, .. QuietLogging.Arguments] });
        var app = builder.Build();
        DeliveryReceiver? receiver = null;

        // Nothing can call before the port is known, that is before the receiver exists.
        app.Run(context => receiver!.ReceiveAsync(context));
        await app.StartAsync();
        receiver = new DeliveryReceiver(app);
        return receiver;
    }

    /// <summary>
    /// Waits until at least <paramref name="expected"/> distinct ids have arrived, polling every 50 ms.
    /// </summary>
    /// <param name="expected">How many distinct deliveries to wait for.</param>
    /// <param name="deadline">When to give up (<see cref="Stopwatch"/> timestamp).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>Whether they all arrived before the deadline.</returns>
    public async Task<bool> WaitForAsync(long expected, long deadline, CancellationToken cancellationToken)
    {
        while (Distinct < expected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }

        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        Interlocked.Increment(ref _requests);
        var id = context.Request.Headers[IdHeader].ToString();
        if (id.Length == 0)
        {
            Interlocked.Increment(ref _withoutId);
        }
        else if (_ids.TryAdd(id, 0))
        {
            Interlocked.Increment(ref _distinct);
            RaiseLastNewIdAt(Stopwatch.GetTimestamp());
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private void RaiseLastNewIdAt(long timestamp)
    {
        // Two arrivals may store out of order; keep the later one.
        var current = Interlocked.Read(ref _lastNewIdAt);
        while (timestamp > current)
        {
            var seen = Interlocked.CompareExchange(ref _lastNewIdAt, timestamp, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
