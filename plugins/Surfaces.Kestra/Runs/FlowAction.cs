using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Kestra.Flows;
using Webhooks.Modular.Surfaces.Kestra.Templates;

namespace Webhooks.Modular.Surfaces.Kestra.Runs;

/// <summary>
/// Runs a flow's tasks in order, stopping at the first failure (the tasks after it never start, as in Kestra). A Log
/// task renders its message with the execution's variables; a shell task runs with the command action in a working
/// folder of its own, with the trigger variables in <c>WEBHOOK_PAYLOAD</c> and <c>KESTRA_NAMESPACE</c>,
/// <c>KESTRA_FLOW_ID</c>, <c>KESTRA_EXECUTION_ID</c> and <c>KESTRA_TASK_ID</c>.
/// </summary>
/// <param name="flow">The flow.</param>
/// <param name="templates">Renders Log messages.</param>
/// <param name="commands">The command action's factory; <c>null</c> only for a flow without shell tasks.</param>
/// <param name="workRoot">Where shell tasks' working folders are made (and removed after each task).</param>
internal sealed class FlowAction(FlowDefinition flow, ITemplateRenderer templates, IRunActionFactory? commands, string workRoot) : IRunAction
{
    public async Task<RunResult> ExecuteAsync(RunContext context, CancellationToken cancellationToken)
    {
        var trigger = ParseVariables(context.Input);
        var outcomes = new List<TaskOutcome>(flow.Tasks.Count);
        var output = new StringBuilder();
        for (var index = 0; index < flow.Tasks.Count; index++)
        {
            var task = flow.Tasks[index];
            var outcome = task.Kind == FlowTaskKind.Log
                ? RunLog(task, Variables(trigger, context, task))
                : await RunShellAsync(task, index, context, cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);
            output.Append(outcome.Output);
            if (outcome.State == TaskOutcome.Failed)
            {
                return new RunResult(false, outcome.ExitCode, output.ToString(), $"task '{task.Id}' failed: {outcome.Error}")
                {
                    Details = new FlowRunDetails(outcomes).ToJson(),
                };
            }
        }

        return new RunResult(true, 0, output.ToString(), null) { Details = new FlowRunDetails(outcomes).ToJson() };
    }

    private TaskOutcome RunLog(FlowTask task, JsonElement variables)
    {
        var lines = new StringBuilder();
        foreach (var message in task.Messages)
        {
            try
            {
                lines.Append(templates.Render(message, variables)).Append('\n');
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The renderer's own exceptions (a syntax error, a missing variable) fail the task, not the worker.
                return new TaskOutcome(task.Id, task.Type, TaskOutcome.Failed, lines.ToString(), null, $"cannot render the message: {exception.Message}");
            }
        }

        return new TaskOutcome(task.Id, task.Type, TaskOutcome.Success, lines.ToString(), null, null);
    }

    private async Task<TaskOutcome> RunShellAsync(FlowTask task, int index, RunContext context, CancellationToken cancellationToken)
    {
        if (commands is null)
        {
            return new TaskOutcome(task.Id, task.Type, TaskOutcome.Failed, string.Empty, null, "shell tasks need the command action (the Actions.Command plugin)");
        }

        var directory = Path.Combine(workRoot, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            IRunAction action;
            try
            {
                action = commands.Create(ShellSettings(task, index, context, directory));
            }
            catch (PluginConfigurationException exception)
            {
                return new TaskOutcome(task.Id, task.Type, TaskOutcome.Failed, string.Empty, null, exception.Problem);
            }

            var result = await action.ExecuteAsync(context, cancellationToken).ConfigureAwait(false);
            return new TaskOutcome(
                task.Id, task.Type, result.Succeeded ? TaskOutcome.Success : TaskOutcome.Failed, result.Output, result.ExitCode, result.Error);
        }
        finally
        {
            TryDelete(directory);
        }
    }

    private ComponentSettings ShellSettings(FlowTask task, int index, RunContext context, string directory)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["command"] = task.Script,
            ["workingDirectory"] = directory,
            ["environment:KESTRA_NAMESPACE"] = flow.Namespace,
            ["environment:KESTRA_FLOW_ID"] = flow.Id,
            ["environment:KESTRA_EXECUTION_ID"] = context.RunId,
            ["environment:KESTRA_TASK_ID"] = task.Id,
        };
        if (task.TimeoutSeconds is { } timeout)
        {
            values["timeoutSeconds"] = timeout.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in task.Environment)
        {
            values[$"environment:{name}"] = value;
        }

        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ComponentSettings(context.HookName, $"tasks:{index}", section, directory, flow.File);
    }

    /// <summary>The variables a template sees: <c>trigger</c>, <c>flow</c>, <c>execution</c> and <c>task</c>, as in Kestra.</summary>
    private JsonElement Variables(JsonNode trigger, RunContext context, FlowTask task) =>
        JsonSerializer.SerializeToElement(new JsonObject
        {
            ["trigger"] = trigger.DeepClone(),
            ["flow"] = new JsonObject { ["id"] = flow.Id, ["namespace"] = flow.Namespace, ["revision"] = flow.Revision },
            ["execution"] = new JsonObject { ["id"] = context.RunId },
            ["task"] = new JsonObject { ["id"] = task.Id, ["type"] = task.Type },
        });

    private static JsonNode ParseVariables(string input)
    {
        try
        {
            return JsonNode.Parse(input) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            return new JsonObject();
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A process the task left behind may still hold a file; the temp folder is not worth failing the task for.
        }
    }
}
