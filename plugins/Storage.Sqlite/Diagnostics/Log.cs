using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Storage.Sqlite.Diagnostics;

/// <summary>The SQLite storage plugin's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8901, Level = LogLevel.Warning, Message = "SQLite: could not signal '{Kind}' in {Folder} ({Reason}); other processes see the change at their next poll")]
    public static partial void SignalNotSent(ILogger logger, string kind, string folder, string reason);

    [LoggerMessage(EventId = 8902, Level = LogLevel.Warning, Message = "SQLite: cannot watch {Folder} for changes made by other processes ({Reason}); they are seen at the next poll instead")]
    public static partial void SignalsNotWatched(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 8903, Level = LogLevel.Warning, Message = "SQLite: a subscriber to the '{Kind}' signal failed: {Reason}")]
    public static partial void SubscriberFailed(ILogger logger, string kind, string reason);
}
