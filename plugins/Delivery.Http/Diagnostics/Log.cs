using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Delivery.Http.Diagnostics;

/// <summary>
/// The channel's log messages, with stable event ids. They name hosts, addresses, header names and ids; never a
/// URL's path or query, a header's value or a secret.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "http delivery: timeout {TimeoutSeconds} s, response excerpt {MaxResponseExcerptBytes} bytes, {AllowedNetworks} allowed non-public network(s)")]
    public static partial void Configured(ILogger logger, int timeoutSeconds, int maxResponseExcerptBytes, int allowedNetworks);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "http delivery: refused to connect to {Host}: {Reason}")]
    public static partial void AddressRefused(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Debug, Message = "http delivery: destination {DestinationId} sets header {Header}, which the channel sets itself; its value is ignored")]
    public static partial void ReservedHeaderIgnored(ILogger logger, string destinationId, string header);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Debug, Message = "http delivery {DeliveryId} attempt {Attempt} to {Host} answered {StatusCode} in {ElapsedMilliseconds} ms")]
    public static partial void Answered(ILogger logger, string deliveryId, int attempt, string host, int statusCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Debug, Message = "http delivery {DeliveryId} attempt {Attempt} to {Host} failed after {ElapsedMilliseconds} ms: {Error}")]
    public static partial void Failed(ILogger logger, string deliveryId, int attempt, string host, long elapsedMilliseconds, string error);
}
