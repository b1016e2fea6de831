using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Api.Management.Diagnostics;

/// <summary>The management API's logs: every change, with who made it.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Delivery {DeliveryId} replayed by user {UserId}")]
    public static partial void DeliveryReplayed(ILogger logger, string deliveryId, string userId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Destination {DestinationId} {Change} by user {UserId}")]
    public static partial void DestinationChanged(ILogger logger, string destinationId, string change, string userId);
}
