namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>A snapshot of the store's waiting work (see <see cref="IStoreBacklog"/>).</summary>
/// <param name="QueuedRuns">Runs with status queued (waiting for a worker, a retry's back-off included), by hook name.</param>
/// <param name="PendingDeliveries">Outbox deliveries with status pending (neither delivered nor failed for good), by destination id.</param>
public sealed record StoreBacklog(IReadOnlyList<BacklogGroup> QueuedRuns, IReadOnlyList<BacklogGroup> PendingDeliveries);
