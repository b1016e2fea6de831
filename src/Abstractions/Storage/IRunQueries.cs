namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// Filtered, paged reads of runs across hooks, for management APIs and consoles. Optional: a store that does not
/// implement it leaves those views unavailable.
/// </summary>
public interface IRunQueries
{
    /// <summary>The runs <paramref name="query"/> selects, newest first (by creation time, then id).</summary>
    /// <param name="query">Filters, position and page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<RunRecord>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken);
}
