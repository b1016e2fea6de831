using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Storage.Postgres.Diagnostics;

/// <summary>
/// The plugin's log messages, with stable event ids. They name the server by host, port, database and user;
/// never the connection string (which may hold a password).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "PostgreSQL storage: schema {Schema} on {Server} is at version {Version} ({Applied} step(s) applied now)")]
    public static partial void SchemaReady(ILogger logger, string schema, string server, int version, int applied);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "PostgreSQL storage: listening for work committed by any host on channel {Channel}")]
    public static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Warning, Message = "PostgreSQL storage: the notification connection failed ({Error}); reconnecting in {DelaySeconds} s, workers poll meanwhile")]
    public static partial void ListenerFailed(ILogger logger, string error, double delaySeconds);

    [LoggerMessage(EventId = 8104, Level = LogLevel.Information, Message = "PostgreSQL storage: notification connection restored on channel {Channel}; waking every worker in case a signal was missed")]
    public static partial void ListenerRestored(ILogger logger, string channel);

    [LoggerMessage(EventId = 8105, Level = LogLevel.Warning, Message = "PostgreSQL storage: a subscriber to store signals threw on {Kind}: {Error}")]
    public static partial void SubscriberFailed(ILogger logger, string kind, string error);
}
