using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Surfaces.DagNats.Diagnostics;

/// <summary>The DagNats surface's log messages, with stable event ids. None of them carries a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7501, Level = LogLevel.Information, Message = "DagNats: serving {Kind} trigger {Trigger} ({Source} -> workflow {Workflow})")]
    public static partial void TriggerServed(ILogger logger, string kind, string trigger, string source, string workflow);

    [LoggerMessage(EventId = 7502, Level = LogLevel.Warning, Message = "DagNats: trigger {Trigger} is not served until its problem is fixed: {Reason}")]
    public static partial void TriggerNotServed(ILogger logger, string trigger, string reason);

    [LoggerMessage(EventId = 7503, Level = LogLevel.Information, Message = "DagNats: trigger {Trigger} deleted; no longer served")]
    public static partial void TriggerRemoved(ILogger logger, string trigger);

    [LoggerMessage(EventId = 7504, Level = LogLevel.Warning, Message = "DagNats: hook-store record {Record} is not a trigger; ignored")]
    public static partial void UnreadableRecord(ILogger logger, string record);

    [LoggerMessage(EventId = 7505, Level = LogLevel.Warning, Message = "DagNats: reading the triggers failed; retrying in a second: {Reason}")]
    public static partial void ReconcileFailed(ILogger logger, string reason);
}
