namespace Webhooks.Modular.Surfaces.Kestra.Flows;

/// <summary>What a task does when it runs.</summary>
internal enum FlowTaskKind
{
    /// <summary><c>io.kestra.plugin.core.log.Log</c>: renders its message with the execution's variables.</summary>
    Log,

    /// <summary><c>io.kestra.plugin.scripts.shell.Commands</c>: its <c>commands</c>, one shell script.</summary>
    Commands,

    /// <summary><c>io.kestra.plugin.scripts.shell.Script</c>: its <c>script</c>.</summary>
    Script,
}
