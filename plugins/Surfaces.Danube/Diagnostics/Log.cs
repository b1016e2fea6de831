using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Surfaces.Danube.Diagnostics;

/// <summary>The Danube surface's log messages, with stable event ids. None carries a secret, a key or a url (urls may hold tokens).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7801, Level = LogLevel.Information, Message = "Danube: webhook {Id} created by {Caller} for {Events}")]
    public static partial void WebhookCreated(ILogger logger, string id, string caller, string events);

    [LoggerMessage(EventId = 7802, Level = LogLevel.Information, Message = "Danube: webhook {Id} changed by {Caller} ({Fields})")]
    public static partial void WebhookChanged(ILogger logger, string id, string caller, string fields);

    [LoggerMessage(EventId = 7803, Level = LogLevel.Information, Message = "Danube: webhook {Id} deleted by {Caller}")]
    public static partial void WebhookDeleted(ILogger logger, string id, string caller);

    [LoggerMessage(EventId = 7804, Level = LogLevel.Information, Message = "Danube: secret of webhook {Id} rotated by {Caller}; the previous one keeps signing for {Grace}")]
    public static partial void SecretRotated(ILogger logger, string id, string caller, TimeSpan grace);

    [LoggerMessage(EventId = 7805, Level = LogLevel.Information, Message = "Danube: delivery {DeliveryId} of webhook {Id} replayed by {Caller}")]
    public static partial void DeliveryReplayed(ILogger logger, string deliveryId, string id, string caller);

    [LoggerMessage(EventId = 7806, Level = LogLevel.Information, Message = "Danube: event {EventId} ({EventType}) published by {Caller}: {Deliveries} delivery(ies)")]
    public static partial void EventPublished(ILogger logger, Guid eventId, string eventType, string caller, int deliveries);
}
