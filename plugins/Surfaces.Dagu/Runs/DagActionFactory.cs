using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Surfaces.Dagu.Dags;

namespace Webhooks.Modular.Surfaces.Dagu.Runs;

/// <summary>
/// The <c>dagu-dag</c> action: <c>{ "dag": "my-dag" }</c> runs the steps of <c>dags/my-dag.yaml</c>, each with the
/// deployment's <c>command</c> action. The command factory is looked up when a hook is built, not when this factory
/// is, because it is one of the same <see cref="IRunActionFactory"/> services.
/// </summary>
internal sealed class DagActionFactory(DagLoader dags, Func<IRunActionFactory?> commandFactory) : IRunActionFactory
{
    public const string ActionType = "dagu-dag";
    public const string CommandActionType = "command";

    public string Type => ActionType;

    public IRunAction Create(ComponentSettings settings)
    {
        var dag = settings.Required("dag");
        if (!DagNames.IsValid(dag))
        {
            throw settings.Error("dag", $"'{dag}' is not a DAG name (1-{DagNames.MaxLength} letters, digits, '_' or '-')");
        }

        var commands = commandFactory()
            ?? throw settings.Error("dag", $"DAG steps run with the '{CommandActionType}' action: add the Actions.Command plugin");

        // The DAG file is read at each run, not here: a webhook outlives edits to its DAG, and a broken DAG
        // fails its runs with a clear error instead of keeping the host from starting.
        return new DagAction(dag, dags, commands);
    }
}
