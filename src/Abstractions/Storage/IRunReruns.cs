namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// Re-running a finished run: a new queued run of the same event, hook, action and input, linked to the one it
/// repeats (<see cref="RunRecord.RerunOf"/>). Optional: a store that does not implement it leaves re-runs unavailable.
/// </summary>
public interface IRunReruns
{
    /// <summary>
    /// Enqueues a copy of run <paramref name="runId"/> under <paramref name="newRunId"/>: status queued, no attempt
    /// yet, the original's event, request id, hook, action type, input and attempt budget, and
    /// <see cref="RunRecord.RerunOf"/> set to <paramref name="runId"/>. Committed before it returns, and the workers
    /// of every host sharing the store are told (as for an accepted event). <c>null</c> when there is no such run.
    /// </summary>
    /// <param name="runId">The run to repeat.</param>
    /// <param name="newRunId">The new run's id (UUIDv7).</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<RunRecord?> RerunAsync(string runId, string newRunId, CancellationToken cancellationToken);

    /// <summary>The runs that re-run <paramref name="runId"/>, oldest first.</summary>
    /// <param name="runId">The original run.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<RunRecord>> ListRerunsAsync(string runId, CancellationToken cancellationToken);
}
