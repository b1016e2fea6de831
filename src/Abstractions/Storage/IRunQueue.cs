using Webhooks.Modular.Abstractions.Actions;

namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// The run queue. Workers claim runs under a lease; a run whose lease expires (its worker died) is claimed
/// again, and a completion from a worker that lost its lease is refused (the attempt number fences it).
/// </summary>
public interface IRunQueue
{
    /// <summary>
    /// Claims up to <paramref name="max"/> runs that are queued, or running with an expired lease. A run whose
    /// lease expired on its last allowed attempt is marked failed instead.
    /// </summary>
    /// <param name="owner">The claiming worker.</param>
    /// <param name="max">How many runs at most.</param>
    /// <param name="leaseDuration">How long the lease lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    Task<IReadOnlyList<RunRecord>> ClaimAsync(string owner, int max, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Extends a lease; false when the worker no longer holds it.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="owner">The worker.</param>
    /// <param name="attempt">The attempt the worker holds.</param>
    /// <param name="leaseDuration">The new lease length from now.</param>
    /// <param name="cancellationToken">Cancels the renewal.</param>
    Task<bool> RenewLeaseAsync(string runId, string owner, int attempt, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome and, in the same transaction, the event that announces it (<c>run.completed</c> or
    /// <c>run.failed</c>, with the runs and deliveries it starts); false (and nothing written) when the worker no
    /// longer holds the lease.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="owner">The worker.</param>
    /// <param name="attempt">The attempt the worker holds.</param>
    /// <param name="result">The outcome.</param>
    /// <param name="outcomeEvent">The outcome's event, or <c>null</c> when none is published.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> CompleteAsync(
        string runId, string owner, int attempt, RunResult result, AcceptedWebhook? outcomeEvent, CancellationToken cancellationToken);

    /// <summary>A hook's most recent runs, newest first.</summary>
    /// <param name="hookName">The hook.</param>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(string hookName, int limit, CancellationToken cancellationToken);

    /// <summary>A run by id, or <c>null</c>.</summary>
    /// <param name="runId">The run's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken);
}
