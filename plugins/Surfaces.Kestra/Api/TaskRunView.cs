using Webhooks.Modular.Surfaces.Kestra.Runs;

namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>One task of an execution, once the execution has run it.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Type">The task's type.</param>
/// <param name="State">Its state.</param>
/// <param name="Outputs">A shell task's <c>exitCode</c>; empty for a Log task.</param>
/// <param name="Logs">Its lines: a Log task's rendered message, a shell task's output.</param>
/// <param name="Error">Why it failed.</param>
internal sealed record TaskRunView(
    string TaskId, string Type, TaskRunStateView State, IReadOnlyDictionary<string, int> Outputs, IReadOnlyList<string> Logs, string? Error)
{
    public static TaskRunView From(TaskOutcome task) => new(
        task.Id,
        task.Type,
        new TaskRunStateView(task.State),
        task.ExitCode is { } exitCode ? new Dictionary<string, int> { ["exitCode"] = exitCode } : new Dictionary<string, int>(),
        Lines(task.Output),
        task.Error);

    private static string[] Lines(string output) =>
        output.Length == 0 ? [] : output.TrimEnd('\n').Split('\n');
}
