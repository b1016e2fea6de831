using Webhooks.Modular.Abstractions.Runs;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Core.Runs;

/// <summary>Re-runs through the store and wakes this host's workers (a shared store also tells the other hosts).</summary>
internal sealed class RunRerunner(IRunReruns? reruns, RunSignal signal, TimeProvider clock) : IRunRerunner
{
    public bool Supported => reruns is not null;

    public async Task<RunRecord?> RerunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        if (reruns is null)
        {
            throw new NotSupportedException($"the storage plugin in use does not implement {nameof(IRunReruns)}");
        }

        var rerun = await reruns.RerunAsync(runId, Guid.CreateVersion7(clock.GetUtcNow()).ToString(), cancellationToken).ConfigureAwait(false);
        if (rerun is not null)
        {
            signal.Notify();
        }

        return rerun;
    }
}
