using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Core.Diagnostics;

/// <summary>The engine's log messages, with stable event ids. None of them carries a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Hook {Hook}: request {WebhookRequestId} failed {Scheme} authentication: {Reason}")]
    public static partial void AuthFailed(ILogger logger, string hook, string webhookRequestId, string scheme, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Hook {Hook} (observe mode): request {WebhookRequestId} would have failed {Scheme} authentication: {Reason}; accepted")]
    public static partial void AuthObserved(ILogger logger, string hook, string webhookRequestId, string scheme, string reason);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Run worker {Worker} started: concurrency {Concurrency}, lease {Lease}")]
    public static partial void WorkerStarted(ILogger logger, string worker, int concurrency, TimeSpan lease);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Run {RunId} (hook {Hook}, request {WebhookRequestId}) attempt {Attempt}: {Status}")]
    public static partial void RunFinished(ILogger logger, string runId, string hook, string webhookRequestId, int attempt, string status);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Run {RunId}: lease lost to another worker; this attempt's outcome is discarded")]
    public static partial void LeaseLost(ILogger logger, string runId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Run worker loop failed; retrying")]
    public static partial void WorkerLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Trigger {Trigger}: a condition could not be evaluated and counts as not met: {Reason}")]
    public static partial void ConditionFailed(ILogger logger, string trigger, string reason);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Hook {Hook}: request {WebhookRequestId} was a {Scheme} handshake; answered, nothing stored")]
    public static partial void HandshakeAnswered(ILogger logger, string hook, string webhookRequestId, string scheme);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Run {RunId}: publishing {Subject} failed; the run's outcome is stored")]
    public static partial void PublishFailed(ILogger logger, string runId, string subject, Exception exception);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Housekeeping deleted {Keys} expired idempotency keys and {Tokens} expired tokens")]
    public static partial void HousekeepingDone(ILogger logger, int keys, int tokens);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Housekeeping failed; it is tried again at the next interval")]
    public static partial void HousekeepingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Reading the store's backlog for the metrics failed; the gauges keep the last reading")]
    public static partial void BacklogReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Retention deleted {Events} events, {Runs} runs and {Deliveries} deliveries past their retention window")]
    public static partial void RetentionDone(ILogger logger, int events, int runs, int deliveries);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Plugin {Plugin} {PluginVersion} loaded from {PluginFolder}")]
    public static partial void PluginLoaded(ILogger logger, string plugin, string pluginVersion, string pluginFolder);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Hook {Hook}: request {WebhookRequestId} accepted ({Status}){Replayed}")]
    public static partial void RequestAccepted(ILogger logger, string hook, string webhookRequestId, string status, string replayed);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Hook {Hook}: request {WebhookRequestId} rejected ({Status}): {Reason}")]
    public static partial void RequestRejected(ILogger logger, string hook, string webhookRequestId, string status, string reason);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Delivery worker {Worker} started: concurrency {Concurrency}, {PerDestination} per destination, lease {Lease}")]
    public static partial void DeliveryWorkerStarted(ILogger logger, string worker, int concurrency, int perDestination, TimeSpan lease);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Delivery {DeliveryId} ({EventType}) to destination {DestinationId}, attempt {Attempt}: {Outcome} (status {StatusCode}, {Duration} ms){Error}")]
    public static partial void DeliveryAttempted(
        ILogger logger, string deliveryId, string eventType, string destinationId, int attempt, string outcome, int? statusCode, long duration, string error);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: lease lost to another worker; this attempt's outcome is discarded")]
    public static partial void DeliveryLeaseLost(ILogger logger, string deliveryId);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Error, Message = "Delivery worker loop failed; retrying")]
    public static partial void DeliveryWorkerLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "Destination {DestinationId} disabled: {Reason}")]
    public static partial void DestinationDisabled(ILogger logger, string destinationId, string reason);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Destination {DestinationId}: no payload format '{Format}' is deployed; the event is not delivered to it")]
    public static partial void PayloadFormatMissing(ILogger logger, string destinationId, string format);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "Destination {DestinationId}: payload format '{Format}' failed to render; the event is not delivered to it")]
    public static partial void PayloadRenderFailed(ILogger logger, string destinationId, string format, Exception exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Reloading destinations failed; the previous list stays in use")]
    public static partial void DestinationsReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} to destination {DestinationId} failed for good after {Attempts} attempts; it can be replayed")]
    public static partial void DeliveryDeadLettered(ILogger logger, string deliveryId, string destinationId, int attempts);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Hook {Hook}: {Limit} failed authentications from {Address} within {Window}; that address gets 429 on this hook until the window ends")]
    public static partial void AuthFailureLimitReached(ILogger logger, string hook, string address, int limit, TimeSpan window);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Hook {Hook}: request {WebhookRequestId} from {Address} refused with 429 (too many failed authentications)")]
    public static partial void AuthFailureLimitRefused(ILogger logger, string hook, string webhookRequestId, string address);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Hook {Hook}: request {WebhookRequestId} from {Address} could not be read: {Reason}")]
    public static partial void BodyNotRead(ILogger logger, string hook, string webhookRequestId, string address, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "{Method} {Path} from {Address} answered {Status}: {Reason}")]
    public static partial void RequestBodyRefused(ILogger logger, string method, string path, string address, string status, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Plugin {Plugin} reloaded: build {Generation} ({PluginVersion}) from {PluginFolder} serves new requests")]
    public static partial void PluginReloaded(ILogger logger, string plugin, int generation, string pluginVersion, string pluginFolder);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Plugin {Plugin}: the new build in {PluginFolder} was refused, build {Generation} keeps serving: {Error}")]
    public static partial void PluginReloadRefused(ILogger logger, string plugin, string pluginFolder, int generation, string error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Plugin {Plugin}: build {Generation} unloaded (its last request finished)")]
    public static partial void PluginGenerationUnloaded(ILogger logger, string plugin, int generation);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Plugin {Plugin}: cannot watch {PluginFolder} ({Reason}); checking it every {Interval} instead")]
    public static partial void PluginWatchFallback(ILogger logger, string plugin, string pluginFolder, string reason, TimeSpan interval);
}
