using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Surfaces.Dagu.Runs;

/// <summary>A DAG run in the list of <c>GET /api/v1/dag-runs/{name}</c>: its state without the steps' output.</summary>
/// <param name="DagRunId">The run's id within its DAG.</param>
/// <param name="DagName">The DAG.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="QueuedAt">When the trigger enqueued it (UTC).</param>
/// <param name="StartedAt">When its latest attempt started (UTC).</param>
/// <param name="FinishedAt">When it finished (UTC).</param>
/// <param name="ExitCode">The failing step's exit code, or 0.</param>
/// <param name="Error">Why it failed.</param>
internal sealed record DagRunSummary(
    string DagRunId,
    string DagName,
    string Status,
    DateTime QueuedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    int? ExitCode,
    string? Error)
{
    public static DagRunSummary From(string dag, RunRecord run) => new(
        DagRunIds.Strip(dag, run.Id),
        dag,
        StatusOf(run),
        run.CreatedAt.UtcDateTime,
        run.StartedAt?.UtcDateTime,
        run.FinishedAt?.UtcDateTime,
        run.ExitCode,
        run.Error);

    public static string StatusOf(RunRecord run) => run.Status switch
    {
        RunStatus.Queued => "queued",
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        _ => "failed",
    };
}
