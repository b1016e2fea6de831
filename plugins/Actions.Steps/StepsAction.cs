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
/// action's variables (<c>WEBHOOK_PAYLOAD</c> and the rest) plus the action's own: for the <c>steps</c> action,
/// <c>STEP_ID</c>. Other plugins run their YAML steps with it (Surfaces.Dagu runs a DAG with its own variables).
/// </summary>
public sealed class StepsAction : IRunAction
{
    /// <summary>The variable that holds the step's id, in the <c>steps</c> action's own runs.</summary>
    public const string StepIdVariable = "STEP_ID";

    private readonly IRunActionFactory _commands;
    private readonly StepsFileKind _kind;
    private readonly Func<string, RunContext, IEnumerable<KeyValuePair<string, string>>> _environment;

    /// <summary>The <c>steps</c> action's run: errors speak of a steps file, every step sees <c>STEP_ID</c>.</summary>
    internal StepsAction(string path, IRunActionFactory commands)
        : this(path, commands, StepsFileKind.Default, (stepId, _) => [new(StepIdVariable, stepId)])
    {
    }

    /// <summary>A run of a steps file's steps.</summary>
    /// <param name="path">The steps file (absolute); it is read at each run.</param>
    /// <param name="commands">The <c>command</c> action's factory: every step is one of its actions.</param>
    /// <param name="kind">What the file is called in the errors of reading it.</param>
    /// <param name="environment">
    /// The variables a step sees besides the command action's, from the step's id and the run.
    /// </param>
    public StepsAction(
        string path,
        IRunActionFactory commands,
        StepsFileKind kind,
        Func<string, RunContext, IEnumerable<KeyValuePair<string, string>>> environment)
    {
        Path = path;
        _commands = commands;
        _kind = kind;
        _environment = environment;
    }

    /// <summary>The steps file (absolute).</summary>
    public string Path { get; }

    /// <inheritdoc />
    public async Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var loaded = StepsFileLoader.Load(Path, _kind);
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
                steps.Add((step, _commands.Create(StepSettings(file, step, steps.Count, context))));
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

    private ComponentSettings StepSettings(StepsFile file, Step step, int index, RunContext context)
    {
        var directory = System.IO.Path.GetDirectoryName(file.Path)!;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["command"] = step.Command,
            ["workingDirectory"] = directory,
        };
        foreach (var (name, value) in _environment(step.Id, context))
        {
            values[$"environment:{name}"] = value;
        }

        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ComponentSettings(context.HookName, $"steps:{index}", section, directory, file.Path);
    }
}
