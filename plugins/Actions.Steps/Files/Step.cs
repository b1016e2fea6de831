namespace Webhooks.Modular.Actions.Steps.Files;

/// <summary>One step: a shell command, run once the steps before it have succeeded.</summary>
/// <param name="Id">The step's <c>id</c>, else its <c>name</c>, else <c>step{n}</c>.</param>
/// <param name="Command">The shell text given to <c>/bin/sh -c</c>.</param>
internal sealed record Step(string Id, string Command);
