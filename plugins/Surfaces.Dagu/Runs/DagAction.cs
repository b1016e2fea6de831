using System.Text;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Dagu.Dags;

namespace Webhooks.Modular.Surfaces.Dagu.Runs;

/// <summary>
/// Runs a DAG's steps in order with the command action, stopping at the first failure; the steps after it are
/// reported as skipped. Every step sees the run's input as <c>WEBHOOK_PAYLOAD</c>, plus Dagu's <c>DAG_NAME</c>,
/// <c>DAG_RUN_ID</c> and <c>DAG_RUN_STEP_NAME</c>, and runs in the DAG folder.
/// </summary>
internal sealed class DagAction(string dag, DagLoader dags, IRunActionFactory commands) : IRunAction
{
    public async Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var loaded = dags.Load(dag);
        if (loaded.Dag is not { } definition)
        {
            return RunResult.Failure(loaded.Error!) with { Details = new DagRunDetails([]).ToJson() };
        }

        // Build every step first: a step the command action refuses fails the run before anything has run.
        var steps = new List<(DagStep Step, IRunAction Action)>(definition.Steps.Count);
        foreach (var step in definition.Steps)
        {
            try
            {
                steps.Add((step, commands.Create(StepSettings(definition, step, steps.Count, context))));
            }
            catch (PluginConfigurationException exception)
            {
                return RunResult.Failure($"{definition.File}: step '{step.Id}': {exception.Problem}") with
                {
                    Details = new DagRunDetails([]).ToJson(),
                };
            }
        }

        var outcomes = new List<StepOutcome>(steps.Count);
        var output = new StringBuilder();
        StepOutcome? failed = null;
        foreach (var (step, action) in steps)
        {
            if (failed is not null)
            {
                outcomes.Add(new StepOutcome(step.Id, StepOutcome.Skipped, null, string.Empty, null));
                continue;
            }

            var result = await action.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
            output.Append(result.Output);
            var outcome = new StepOutcome(
                step.Id, result.Succeeded ? StepOutcome.Succeeded : StepOutcome.Failed, result.ExitCode, result.Output, result.Error);
            outcomes.Add(outcome);
            if (!result.Succeeded)
            {
                failed = outcome;
            }
        }

        var details = new DagRunDetails(outcomes).ToJson();
        return failed is null
            ? new RunResult(true, 0, output.ToString(), null) { Details = details }
            : new RunResult(false, failed.ExitCode, output.ToString(), $"step '{failed.Id}' failed: {failed.Error}") { Details = details };
    }

    private ComponentSettings StepSettings(DagDefinition definition, DagStep step, int index, RunContext context)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["command"] = step.Command,
            ["workingDirectory"] = dags.Directory,
            ["environment:DAG_NAME"] = definition.Name,
            ["environment:DAG_RUN_ID"] = DagRunIds.Strip(definition.Name, context.RunId),
            ["environment:DAG_RUN_STEP_NAME"] = step.Id,
        };
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ComponentSettings(context.HookName, $"steps:{index}", section, dags.Directory, definition.File);
    }
}
