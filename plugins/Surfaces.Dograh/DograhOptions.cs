using System.Globalization;
using System.Text.RegularExpressions;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Dograh.Workflows;

namespace Webhooks.Modular.Surfaces.Dograh;

/// <summary>The plugin's settings: the workflows whose webhook nodes it delivers.</summary>
/// <param name="Workflows">The <c>workflows</c> entries, checked.</param>
internal sealed partial record DograhOptions(IReadOnlyList<WorkflowSettings> Workflows)
{
    private static readonly string[] WorkflowKeys = ["id", "name", "hook", "file"];

    /// <summary>Reads and checks the settings; the error names the offending key.</summary>
    /// <param name="context">The plugin's context.</param>
    public static DograhOptions FromSettings(PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var child in context.Settings.GetChildren())
        {
            if (child.Key is not "workflows")
            {
                throw context.Error(child.Key, "unknown setting (expected workflows)");
            }
        }

        var section = context.Settings.GetSection("workflows");
        if (section.Value is { Length: > 0 }) // an empty list reads as ""
        {
            throw context.Error("workflows", "must be a list of {id, name, hook, file}");
        }

        var workflows = new List<WorkflowSettings>();
        var ids = new HashSet<int>();
        var entries = section.GetChildren()
            .Select(entry => (entry, index: int.TryParse(entry.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1))
            .OrderBy(e => e.index);
        foreach (var (entry, index) in entries)
        {
            var prefix = $"workflows:{entry.Key}";
            if (index < 0 || entry.Value is { Length: > 0 })
            {
                throw context.Error(prefix, "each workflow is an object {id, name, hook, file}");
            }

            foreach (var key in entry.GetChildren().Select(c => c.Key))
            {
                if (!WorkflowKeys.Contains(key, StringComparer.Ordinal))
                {
                    throw context.Error($"{prefix}:{key}", $"unknown key (expected {string.Join(", ", WorkflowKeys)})");
                }
            }

            var idText = entry["id"];
            if (string.IsNullOrWhiteSpace(idText))
            {
                throw context.Error($"{prefix}:id", "is required (Dograh's workflow_id, a positive integer)");
            }

            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                throw context.Error($"{prefix}:id", $"'{idText}' is not a positive integer");
            }

            if (!ids.Add(id))
            {
                throw context.Error($"{prefix}:id", $"another workflow has id {id}");
            }

            var hook = entry["hook"];
            if (string.IsNullOrWhiteSpace(hook))
            {
                throw context.Error($"{prefix}:hook", "is required: the hook whose runs are this workflow's runs");
            }

            if (!HookName().IsMatch(hook))
            {
                throw context.Error($"{prefix}:hook", $"'{hook}' is not a hook name (1-100 letters, digits, '_', '.' or '-')");
            }

            var fileText = entry["file"];
            if (string.IsNullOrWhiteSpace(fileText))
            {
                throw context.Error($"{prefix}:file", "is required: the workflow definition (JSON with 'nodes' and 'edges')");
            }

            var file = context.ResolvePath(fileText);
            if (!File.Exists(file))
            {
                throw context.Error($"{prefix}:file", $"file '{file}' does not exist");
            }

            var name = entry["name"];
            if (name is not null && string.IsNullOrWhiteSpace(name))
            {
                throw context.Error($"{prefix}:name", "must not be blank");
            }

            workflows.Add(new WorkflowSettings(id, name ?? Path.GetFileNameWithoutExtension(file), hook, file, index));
        }

        return new DograhOptions(workflows);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]{1,100}\z")]
    private static partial Regex HookName();
}
