using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Delivery.Http.Diagnostics;
using Webhooks.Modular.Delivery.Http.Network;

namespace Webhooks.Modular.Delivery.Http.Sending;

/// <summary>
/// The <c>http</c> channel: one shared <see cref="HttpClient"/> whose connections go through the
/// <see cref="GuardedConnector"/>, no redirects, no cookies, no proxy. Each attempt is signed, bounded by the
/// timeout, and ends as a result; only the caller's cancellation (shutdown) ends it with an exception.
/// </summary>
internal sealed class HttpOutboundDelivery : IOutboundDelivery, IDisposable
{
    /// <summary>The channel type destinations name.</summary>
    public const string ChannelType = "http";

    private readonly HttpDeliveryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HttpClient _client;

    /// <summary>Creates the channel.</summary>
    /// <param name="options">The validated settings.</param>
    /// <param name="time">The clock <c>Retry-After</c> dates are measured against.</param>
    /// <param name="logger">Where the channel logs.</param>
    /// <param name="resolve">Resolves host names; DNS when <c>null</c>.</param>
    public HttpOutboundDelivery(
        HttpDeliveryOptions options,
        TimeProvider time,
        ILogger logger,
        Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        _options = options;
        _time = time;
        _logger = logger;
        var connector = new GuardedConnector(new AddressPolicy(options.AllowedNetworks), resolve ?? Dns.GetHostAddressesAsync, logger);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,

            // A proxy would make the connect callback check the proxy's address instead of the destination's.
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,

            // Connections are re-established now and then, so a changed DNS answer is resolved (and checked) again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxResponseDrainSize = 64 * 1024,
            ConnectCallback = connector.ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <inheritdoc />
    public string Type => ChannelType;

    /// <inheritdoc />
    public async Task<DeliveryAttemptResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stopwatch = Stopwatch.StartNew();
        using var request = OutboundRequest.Create(message, _options.UserAgent, _logger, out var problem);
        if (request is null)
        {
            return Failed(message, stopwatch, problem!);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var excerpt = await ResponseExcerpt.ReadAsync(response.Content, _options.MaxResponseExcerptBytes, deadline.Token, cancellationToken).ConfigureAwait(false);
            var retryAfter = RetryAfter.From(response, _time.GetUtcNow());
            stopwatch.Stop();
            Log.Answered(_logger, message.DeliveryId, message.Attempt, message.Url.Host, status, stopwatch.ElapsedMilliseconds);

            var error = status switch
            {
                >= 200 and < 300 => null,
                >= 300 and < 400 => $"redirects are not followed (the destination answered {status})",
                _ => $"the destination answered {status}{Reason(response)}",
            };
            return new DeliveryAttemptResult(error is null, status, stopwatch.Elapsed, excerpt, error, retryAfter);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // Shutdown surfaces as cancellation whatever the handler made of it.
            throw new OperationCanceledException("the delivery attempt was cancelled", ex, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested
            && ex is OperationCanceledException or HttpRequestException)
        {
            return Failed(message, stopwatch, $"timed out after {_options.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s");
        }
        catch (HttpRequestException ex)
        {
            return Failed(message, stopwatch, Describe(ex));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static string Reason(HttpResponseMessage response) =>
        string.IsNullOrWhiteSpace(response.ReasonPhrase) ? string.Empty : $" ({response.ReasonPhrase})";

    /// <summary>Why the request failed: the refused addresses, or the connection's own error (host and port, no path).</summary>
    private static string Describe(HttpRequestException ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is AddressRefusedException refused)
            {
                return refused.Reason;
            }
        }

        return ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"the host name could not be resolved: {ex.Message}",
            HttpRequestError.ConnectionError => $"could not connect: {ex.Message}",
            HttpRequestError.SecureConnectionError => $"TLS failed: {ex.Message}",
            _ => ex.Message,
        };
    }

    private DeliveryAttemptResult Failed(OutboundMessage message, Stopwatch stopwatch, string error)
    {
        stopwatch.Stop();
        Log.Failed(_logger, message.DeliveryId, message.Attempt, message.Url.IsAbsoluteUri ? message.Url.Host : "?", stopwatch.ElapsedMilliseconds, error);
        return new DeliveryAttemptResult(false, null, stopwatch.Elapsed, null, error, null);
    }
}
