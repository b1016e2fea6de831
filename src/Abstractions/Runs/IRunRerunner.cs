using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Abstractions.Runs;

/// <summary>
/// Re-runs a run: the engine enqueues a new run of the same event and hook through the store's
/// <see cref="IRunReruns"/> and wakes this host's run workers, which execute it like any other run.
/// </summary>
public interface IRunRerunner
{
    /// <summary>Whether the store in use can re-run runs (implements <see cref="IRunReruns"/>).</summary>
    bool Supported { get; }

    /// <summary>The new, queued run linked to <paramref name="runId"/>; <c>null</c> when there is no such run.</summary>
    /// <param name="runId">The run to repeat.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    /// <exception cref="NotSupportedException">The store does not implement <see cref="IRunReruns"/>.</exception>
    Task<RunRecord?> RerunAsync(string runId, CancellationToken cancellationToken);
}
