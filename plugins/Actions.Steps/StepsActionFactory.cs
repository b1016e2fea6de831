using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Actions.Steps;

/// <summary>
/// The <c>steps</c> action: <c>{ "file": "workflows/build.yaml" }</c>, the file relative to the configuration file's
/// folder. The command factory is looked up when a hook is built, not when this factory is, because it is one of the
/// same <see cref="IRunActionFactory"/> services.
/// </summary>
internal sealed class StepsActionFactory(Func<IRunActionFactory?> commandFactory) : IRunActionFactory
{
    public const string ActionType = "steps";
    public const string CommandActionType = "command";

    private static readonly string[] Keys = ["file"];

    public string Type => ActionType;

    public IRunAction Create(ComponentSettings settings)
    {
        foreach (var child in settings.Section.GetChildren().Where(c => !Keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            throw settings.Error(child.Key, $"unknown key (expected one of: {string.Join(", ", Keys)})");
        }

        var file = settings.Required("file");
        var commands = commandFactory()
            ?? throw settings.Error("file", $"steps run with the '{CommandActionType}' action: add the Actions.Command plugin");

        // The file is read at each run, not here: edits apply to the next run without a restart, and a broken file
        // fails its runs with a clear error instead of keeping the host (or a run-time hook) from being built.
        return new StepsAction(Path.GetFullPath(Path.Combine(settings.BaseDirectory, file)), commands);
    }
}
