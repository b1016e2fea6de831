using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Actions.Steps;
using Webhooks.Modular.Actions.Steps.Files;
using Webhooks.Modular.Actions.Steps.Runs;
using Webhooks.Modular.Surfaces.Dagu.Dags;

namespace Webhooks.Modular.Surfaces.Dagu.Runs;

/// <summary>
/// Runs a DAG's steps with Actions.Steps' <see cref="StepsAction"/>: in order with the command action, stopping at
/// the first failure, the steps after it reported as skipped. Every step sees the run's input as
/// <c>WEBHOOK_PAYLOAD</c>, plus Dagu's <c>DAG_NAME</c>, <c>DAG_RUN_ID</c> and <c>DAG_RUN_STEP_NAME</c>, and runs in
/// the DAG folder. The DAG's file is looked up (<c>.yaml</c>, else <c>.yml</c>) and read at each run.
/// </summary>
internal sealed class DagAction(string dag, DagLoader dags, IRunActionFactory commands) : IRunAction
{
    /// <summary>How a DAG file's problems are worded.</summary>
    private static readonly StepsFileKind DagFile = new("DAG", "the DAG has nothing to run");

    public Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        if (dags.FindFile(dag) is not { } file)
        {
            return Task.FromResult(
                RunResult.Failure($"DAG '{dag}' not found in '{dags.Directory}'") with { Details = StepsRunDetails.None.ToJson() });
        }

        return new StepsAction(file, commands, DagFile, Environment).ExecuteAsync(context, cancellationToken);
    }

    private Dictionary<string, string> Environment(string stepId, RunContext context) => new(StringComparer.Ordinal)
    {
        ["DAG_NAME"] = dag,
        ["DAG_RUN_ID"] = DagRunIds.Strip(dag, context.RunId),
        ["DAG_RUN_STEP_NAME"] = stepId,
    };
}
