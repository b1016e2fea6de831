using Webhooks.Modular.Abstractions.Events;

namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>
/// How an app that embeds the engine sends its own events: one call stores the event, the runs of the triggers it
/// matches and a delivery for every destination subscribed to it, in one transaction; the deliveries then go out
/// with the same retries and signing as any other.
/// </summary>
public interface IWebhookPublisher
{
    /// <summary>Publishes an event whose payload is <paramref name="data"/> serialized as JSON (web defaults: camelCase).</summary>
    /// <typeparam name="T">The payload's type.</typeparam>
    /// <param name="eventType">The event type, such as <c>order.paid</c>.</param>
    /// <param name="data">The payload.</param>
    /// <param name="cancellationToken">Cancels waiting (the write may still commit).</param>
    Task<PublishedEvent> PublishAsync<T>(string eventType, T data, CancellationToken cancellationToken);
}
