namespace Webhooks.Modular.Bench.Storage;

/// <summary>What the database holds of the outbox.</summary>
/// <param name="Deliveries">Stored deliveries, in any status.</param>
/// <param name="Succeeded">Deliveries that succeeded.</param>
/// <param name="Pending">Deliveries still waiting for an attempt or a retry.</param>
/// <param name="Failed">Deliveries that failed for good (dead letters).</param>
/// <param name="Attempts">Recorded attempts over all deliveries.</param>
/// <param name="Attempted">Deliveries with at least one recorded attempt.</param>
internal sealed record DeliveryCounts(long Deliveries, long Succeeded, long Pending, long Failed, long Attempts, long Attempted)
{
    /// <summary>Attempts beyond each delivery's first: 0 when every attempt succeeded.</summary>
    public long Retries => Attempts - Attempted;
}
