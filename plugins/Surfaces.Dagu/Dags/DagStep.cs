namespace Webhooks.Modular.Surfaces.Dagu.Dags;

/// <summary>One step of a DAG: a shell command, run after the steps before it have succeeded.</summary>
/// <param name="Id">The step's <c>id</c>, else its <c>name</c>, else <c>step{n}</c>.</param>
/// <param name="Command">The shell text given to <c>/bin/sh -c</c>.</param>
internal sealed record DagStep(string Id, string Command);
