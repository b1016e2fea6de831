using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Bus.Nats.Diagnostics;

/// <summary>The bus's log messages (event ids 7100-7199).</summary>
internal static partial class Log
{
    [LoggerMessage(7100, LogLevel.Warning, "NATS relay to stream {Stream} failed, retrying from {Position}: {Error}")]
    public static partial void RelayFailed(ILogger logger, string stream, string position, string error);

    [LoggerMessage(7101, LogLevel.Information, "NATS relay to stream {Stream} resumed at {Position}")]
    public static partial void RelayResumed(ILogger logger, string stream, string position);

    [LoggerMessage(7102, LogLevel.Warning, "Event {EventId} on subject {Subject} not relayed: no subject of stream {Stream} matches it")]
    public static partial void NotRelayed(ILogger logger, Guid eventId, string subject, string stream);

    [LoggerMessage(7103, LogLevel.Warning, "NATS consumer {Durable} on stream {Stream} failed, retrying: {Error}")]
    public static partial void ConsumerFailed(ILogger logger, string durable, string stream, string error);

    [LoggerMessage(7104, LogLevel.Warning, "NATS message {Sequence} on {Subject} rejected: {Reason}")]
    public static partial void MessageRejected(ILogger logger, ulong sequence, string subject, string reason);

    [LoggerMessage(7105, LogLevel.Debug, "NATS message {Sequence} on {Subject} published as event {EventId} ({Runs} runs)")]
    public static partial void MessageConsumed(ILogger logger, ulong sequence, string subject, Guid eventId, int runs);
}
