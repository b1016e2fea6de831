using System.Text;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Actions.Steps.Files;
using Webhooks.Modular.Actions.Steps.Runs;

namespace Webhooks.Modular.Actions.Steps;

/// <summary>
/// Runs a steps file's steps in order with the command action, stopping at the first failure; the steps after it are
/// reported as skipped. The file is read at each run. Every step runs in the file's folder and sees the command
/// action's variables (<c>WEBHOOK_PAYLOAD</c> and the rest) plus <c>STEP_ID</c>.
/// </summary>
internal sealed class StepsAction(string path, IRunActionFactory commands) : IRunAction
{
    public const string StepIdVariable = "STEP_ID";

    /// <summary>The steps file (absolute).</summary>
    public string Path { get; } = path;

    public async Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var loaded = StepsFileLoader.Load(Path);
        if (loaded.File is not { } file)
        {
            return RunResult.Failure(loaded.Error!) with { Details = StepsRunDetails.None.ToJson() };
        }

        // Build every step first: a step the command action refuses fails the run before anything has run.
        var steps = new List<(Step Step, IRunAction Action)>(file.Steps.Count);
        foreach (var step in file.Steps)
        {
            try
            {
                steps.Add((step, commands.Create(StepSettings(file, step, steps.Count, context))));
            }
            catch (PluginConfigurationException exception)
            {
                return RunResult.Failure($"{file.Path}: step '{step.Id}': {exception.Problem}") with { Details = StepsRunDetails.None.ToJson() };
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

        var details = new StepsRunDetails(outcomes).ToJson();
        return failed is null
            ? new RunResult(true, 0, output.ToString(), null) { Details = details }
            : new RunResult(false, failed.ExitCode, output.ToString(), $"step '{failed.Id}' failed: {failed.Error}") { Details = details };
    }

    private static ComponentSettings StepSettings(StepsFile file, Step step, int index, RunContext context)
    {
        var directory = System.IO.Path.GetDirectoryName(file.Path)!;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["command"] = step.Command,
            ["workingDirectory"] = directory,
            [$"environment:{StepIdVariable}"] = step.Id,
        };
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ComponentSettings(context.HookName, $"steps:{index}", section, directory, file.Path);
    }
}
