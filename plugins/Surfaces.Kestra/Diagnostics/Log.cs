using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Surfaces.Kestra.Diagnostics;

/// <summary>The Kestra surface's log messages, with stable event ids. None of them carries a webhook key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Kestra: serving {Triggers} webhook trigger(s) of {Flows} flow(s) from {Directory}")]
    public static partial void TriggersServed(ILogger logger, int triggers, int flows, string directory);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Kestra: webhook of flow {Flow} answered {Status}: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, string flow, int status, string reason);
}
