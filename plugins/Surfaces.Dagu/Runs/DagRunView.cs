using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Actions.Steps.Runs;

namespace Webhooks.Modular.Surfaces.Dagu.Runs;

/// <summary>A DAG run as <c>GET /api/v1/dag-runs/{name}/{dagRunId}</c> shows it, with each step's exit code and output.</summary>
/// <param name="DagRunId">The run's id within its DAG.</param>
/// <param name="DagName">The DAG.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="QueuedAt">When the trigger enqueued it (UTC).</param>
/// <param name="StartedAt">When its latest attempt started (UTC).</param>
/// <param name="FinishedAt">When it finished (UTC).</param>
/// <param name="ExitCode">The failing step's exit code, or 0.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="Attempt">How many times it has been started (more than once after a crash).</param>
/// <param name="Steps">Each step, once the run has finished.</param>
internal sealed record DagRunView(
    string DagRunId,
    string DagName,
    string Status,
    DateTime QueuedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    int? ExitCode,
    string? Error,
    int Attempt,
    IReadOnlyList<StepOutcome> Steps)
{
    public static DagRunView From(string dag, RunRecord run) => new(
        DagRunIds.Strip(dag, run.Id),
        dag,
        DagRunSummary.StatusOf(run),
        run.CreatedAt.UtcDateTime,
        run.StartedAt?.UtcDateTime,
        run.FinishedAt?.UtcDateTime,
        run.ExitCode,
        run.Error,
        run.Attempt,
        StepsRunDetails.FromJson(run.Details)?.Steps ?? []);
}
