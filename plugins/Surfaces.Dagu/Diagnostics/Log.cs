using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Surfaces.Dagu.Diagnostics;

/// <summary>The Dagu surface's log messages, with stable event ids. None of them carries a token.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Dagu: restored {Count} DAG webhook(s) from the hook store")]
    public static partial void WebhooksRestored(ILogger logger, int count);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Dagu: the webhook of DAG {Dag} could not be restored; its triggers answer 404 until it is recreated: {Reason}")]
    public static partial void WebhookNotRestored(ILogger logger, string dag, string reason);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Dagu: hook-store record {Record} is not a DAG webhook; ignored")]
    public static partial void UnreadableRecord(ILogger logger, string record);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Dagu: webhook of DAG {Dag} {Change} by user {UserId}")]
    public static partial void WebhookChanged(ILogger logger, string dag, string change, string userId);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Dagu: webhook of DAG {Dag} {Change} in the hook store (by another host); served accordingly")]
    public static partial void WebhookFollowed(ILogger logger, string dag, string change);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Dagu: reading the DAG webhooks failed; retrying in a second: {Reason}")]
    public static partial void ReconcileFailed(ILogger logger, string reason);
}
