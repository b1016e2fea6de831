namespace Webhooks.Modular.Surfaces.Kestra.Flows;

/// <summary>One task of a flow, in the order the flow lists them.</summary>
/// <param name="Id">The task's <c>id</c>.</param>
/// <param name="Type">Its Kestra <c>type</c>, as written.</param>
/// <param name="Kind">What it does here.</param>
/// <param name="Messages">For a Log task: its message(s), templates not yet rendered.</param>
/// <param name="Script">For a shell task: the shell text (<c>commands</c> joined, after <c>set -e</c>), never rendered.</param>
/// <param name="Environment">For a shell task: its <c>env</c>.</param>
/// <param name="TimeoutSeconds">For a shell task: its <c>timeout</c>, when given.</param>
internal sealed record FlowTask(
    string Id,
    string Type,
    FlowTaskKind Kind,
    IReadOnlyList<string> Messages,
    string? Script,
    IReadOnlyDictionary<string, string> Environment,
    int? TimeoutSeconds);
