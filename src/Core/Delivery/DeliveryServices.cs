using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>What the delivery worker works with, gathered so that its constructor stays readable.</summary>
/// <param name="Store">The delivery store, when the storage plugin has one.</param>
/// <param name="Catalog">The destinations in memory.</param>
/// <param name="Messages">Builds each attempt's message.</param>
/// <param name="Scheduler">Decides retries, dead letters and disabling.</param>
/// <param name="Breaker">The per-destination circuit breaker.</param>
/// <param name="Clock">The clock (a fake one in tests).</param>
internal sealed record DeliveryServices(
    IDeliveryStore? Store, DestinationCatalog Catalog, OutboundMessageBuilder Messages, RetryScheduler Scheduler, CircuitBreaker Breaker, TimeProvider Clock);
