using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Events;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>Publishes an embedding app's own events on the bus, which commits their deliveries with them.</summary>
internal sealed class WebhookPublisher(IEventBus bus) : IWebhookPublisher
{
    public Task<PublishedEvent> PublishAsync<T>(string eventType, T data, CancellationToken cancellationToken) =>
        bus.PublishAsync(eventType, JsonSerializer.Serialize(data, JsonSerializerOptions.Web), null, cancellationToken);
}
