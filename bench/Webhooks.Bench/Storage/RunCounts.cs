namespace Webhooks.Modular.Bench.Storage;

/// <summary>What the database holds.</summary>
/// <param name="Events">Stored events.</param>
/// <param name="Runs">Stored runs, in any status.</param>
/// <param name="Pending">Runs queued or running.</param>
/// <param name="Succeeded">Runs that succeeded.</param>
/// <param name="Failed">Runs that failed for good.</param>
/// <param name="FinishedBy">Runs finished by the time asked for.</param>
/// <param name="LastFinishedAt">When the last run finished, if any did.</param>
internal sealed record RunCounts(long Events, long Runs, long Pending, long Succeeded, long Failed, long FinishedBy, DateTimeOffset? LastFinishedAt);
