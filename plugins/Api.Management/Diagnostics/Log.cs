using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Api.Management.Diagnostics;

/// <summary>The management API's logs: every change, with who made it.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Delivery {DeliveryId} replayed by user {UserId}")]
    public static partial void DeliveryReplayed(ILogger logger, string deliveryId, string userId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Destination {DestinationId} {Change} by user {UserId}")]
    public static partial void DestinationChanged(ILogger logger, string destinationId, string change, string userId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Bulk replay {JobId} of destination {DestinationId} failed")]
    public static partial void ReplayJobFailed(ILogger logger, Exception exception, string jobId, string destinationId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Bulk replay {JobId} of destination {DestinationId} {Change} by user {UserId}")]
    public static partial void ReplayJobChanged(ILogger logger, string jobId, string destinationId, string change, string userId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Run {RunId} re-run as run {RerunId} by user {UserId}")]
    public static partial void RunRerun(ILogger logger, string runId, string rerunId, string userId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Event {EventId} replayed through its hook as event {ReplayEventId} by user {UserId}")]
    public static partial void EventReplayed(ILogger logger, string eventId, string replayEventId, string userId);
}
