namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// Filtered, paged reads of stored events and per-hook activity, for management APIs and consoles. Optional: a
/// store that does not implement it leaves those views unavailable.
/// </summary>
public interface IEventQueries
{
    /// <summary>The events <paramref name="query"/> selects, newest first (by receipt time, then id).</summary>
    /// <param name="query">Filters, position and page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<WebhookEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken);

    /// <summary>Per hook name that has stored events or runs: how many, and the latest receipt; by hook name.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<HookActivity>> ListHookActivityAsync(CancellationToken cancellationToken);
}
