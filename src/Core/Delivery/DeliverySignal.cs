using Webhooks.Modular.Core.Workers;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>Wakes the delivery worker when deliveries are created or replayed, or a destination is re-enabled.</summary>
internal sealed class DeliverySignal : WorkSignal;
