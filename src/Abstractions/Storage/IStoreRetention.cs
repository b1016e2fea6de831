namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// Deletes stored history older than its retention window, a small batch at a time, so the store's writers are
/// never held for long. Never deletes unfinished work: a queued or running run, a pending delivery, or an event
/// that still has runs, deliveries or idempotency keys. Optional: the engine purges nothing but idempotency keys
/// and tokens when a storage plugin does not register it.
/// </summary>
public interface IStoreRetention
{
    /// <summary>Deletes at most <see cref="RetentionPurge.Max"/> expired rows of one kind.</summary>
    /// <param name="purge">What to delete.</param>
    /// <param name="cancellationToken">Cancels the purge.</param>
    /// <returns>How many rows of that kind were deleted (a delivery's attempts go with it and are not counted).</returns>
    Task<int> PurgeAsync(RetentionPurge purge, CancellationToken cancellationToken);
}
