namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// How much work is waiting in the store: queued runs by hook and pending outbox deliveries by destination, with the oldest of
/// each. Read by the engine's gauges at each metrics collection (cached for a few seconds), so an implementation
/// answers from indexes, never by reading the rows. Optional: a storage plugin that does not register it simply
/// has no backlog gauges.
/// </summary>
public interface IStoreBacklog
{
    /// <summary>Counts the queued runs and pending deliveries and finds the oldest of each.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<StoreBacklog> GetBacklogAsync(CancellationToken cancellationToken);
}
