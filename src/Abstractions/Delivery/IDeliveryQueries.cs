namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>
/// Filtered, paged reads of deliveries across destinations, for management APIs and consoles. Optional: a store
/// that does not implement it leaves those views unavailable.
/// </summary>
public interface IDeliveryQueries
{
    /// <summary>The deliveries <paramref name="query"/> selects, newest first (by creation time, then id).</summary>
    /// <param name="query">Filters, position and page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DeliveryRecord>> QueryDeliveriesAsync(DeliveryQuery query, CancellationToken cancellationToken);

    /// <summary>When each destination's latest successful delivery completed, by destination id (destinations with none are left out).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> ListLastSuccessesAsync(CancellationToken cancellationToken);
}
