using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Kestra.Flows;
using Webhooks.Modular.Surfaces.Kestra.Templates;

namespace Webhooks.Modular.Surfaces.Kestra.Runs;

/// <summary>
/// The <c>kestra-flow</c> action: <c>{ "flow": "flows/webhook_flow.yml" }</c> runs that flow's tasks. The flow is
/// read when the hook is built (at start), so its tasks are those of the same file version as its triggers. The
/// command factory is looked up then too, because it is one of the same <see cref="IRunActionFactory"/> services.
/// </summary>
/// <param name="flows">Reads the flow file.</param>
/// <param name="templates">Renders Log messages.</param>
/// <param name="commandFactory">The deployment's <c>command</c> action factory, if it has one.</param>
internal sealed class FlowActionFactory(FlowLoader flows, ITemplateRenderer templates, Func<IRunActionFactory?> commandFactory) : IRunActionFactory
{
    public const string ActionType = "kestra-flow";
    public const string CommandActionType = "command";

    /// <summary>Where shell tasks' working folders are made.</summary>
    public static string WorkRoot { get; } = Path.Combine(Path.GetTempPath(), "webhooks-kestra");

    public string Type => ActionType;

    public IRunAction Create(ComponentSettings settings)
    {
        var file = Path.GetFullPath(Path.Combine(settings.BaseDirectory, settings.Required("flow")));
        FlowDefinition flow;
        try
        {
            flow = flows.LoadFile(file);
        }
        catch (PluginConfigurationException exception)
        {
            throw settings.Error("flow", exception.Message);
        }

        IRunActionFactory? commands = null;
        if (flow.Tasks.Any(task => task.Kind != FlowTaskKind.Log))
        {
            commands = commandFactory()
                ?? throw settings.Error("flow", $"flow '{flow.DisplayName}' has shell tasks, which run with the '{CommandActionType}' action: add the Actions.Command plugin");
        }

        return new FlowAction(flow, templates, commands, WorkRoot);
    }
}
