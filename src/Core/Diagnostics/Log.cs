using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Core.Diagnostics;

/// <summary>The engine's log messages, with stable event ids. None of them carries a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Hook {Hook}: request {RequestId} failed {Scheme} authentication: {Reason}")]
    public static partial void AuthFailed(ILogger logger, string hook, string requestId, string scheme, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Hook {Hook} (observe mode): request {RequestId} would have failed {Scheme} authentication: {Reason}; accepted")]
    public static partial void AuthObserved(ILogger logger, string hook, string requestId, string scheme, string reason);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Run worker {Worker} started: concurrency {Concurrency}, lease {Lease}")]
    public static partial void WorkerStarted(ILogger logger, string worker, int concurrency, TimeSpan lease);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Run {RunId} (hook {Hook}, request {RequestId}) attempt {Attempt}: {Status}")]
    public static partial void RunFinished(ILogger logger, string runId, string hook, string requestId, int attempt, string status);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Run {RunId}: lease lost to another worker; this attempt's outcome is discarded")]
    public static partial void LeaseLost(ILogger logger, string runId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Run worker loop failed; retrying")]
    public static partial void WorkerLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Trigger {Trigger}: a condition could not be evaluated and counts as not met: {Reason}")]
    public static partial void ConditionFailed(ILogger logger, string trigger, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Run {RunId}: publishing {Subject} failed; the run's outcome is stored")]
    public static partial void PublishFailed(ILogger logger, string runId, string subject, Exception exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Housekeeping deleted {Keys} expired idempotency keys and {Tokens} expired tokens")]
    public static partial void HousekeepingDone(ILogger logger, int keys, int tokens);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Housekeeping failed; it is tried again at the next interval")]
    public static partial void HousekeepingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Loaded plugin {Plugin} from {Location}")]
    public static partial void PluginLoaded(ILogger logger, string plugin, string location);
}
