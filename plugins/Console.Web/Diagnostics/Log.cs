using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Console.Web.Diagnostics;

/// <summary>The console's logs: every change, with who made it, and refusals.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Console: delivery {DeliveryId} replayed by user {UserId}")]
    public static partial void DeliveryReplayed(ILogger logger, string deliveryId, string userId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Console: destination {DestinationId} {Change} by user {UserId}")]
    public static partial void DestinationChanged(ILogger logger, string destinationId, string change, string userId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Console: user {UserId} with role {Role} refused a change ({Path})")]
    public static partial void ChangeRefused(ILogger logger, string userId, string role, string path);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Console: a form post to {Path} had no valid anti-forgery token")]
    public static partial void AntiforgeryRefused(ILogger logger, string path);
}
