using System.Text.Json.Nodes;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.DagNats;

/// <summary>
/// A hook catalog that keeps the definitions it is given and refuses the ones <see cref="Refuse"/> picks, as the
/// engine's catalog refuses a definition it cannot build (with the key at fault).
/// </summary>
internal sealed class RecordingCatalog : IHookCatalog
{
    private readonly Dictionary<string, (string Definition, bool Enabled)> _hooks = new(StringComparer.Ordinal);

    /// <summary>Returns the key and problem of a definition to refuse, or <c>null</c> to accept it.</summary>
    public Func<JsonObject, (string Key, string Problem)?> Refuse { get; set; } = _ => null;

    /// <summary>Every definition given to <see cref="Register"/>, accepted or not, in order.</summary>
    public List<string> Registrations { get; } = [];

    public IReadOnlyDictionary<string, (string Definition, bool Enabled)> Hooks => _hooks;

    public void Register(string definitionJson)
    {
        Registrations.Add(definitionJson);
        var definition = (JsonObject)JsonNode.Parse(definitionJson)!;
        var name = definition["name"]!.GetValue<string>();
        if (Refuse(definition) is { } refusal)
        {
            throw new PluginConfigurationException("(hook registered at run time)", $"hook '{name}'", refusal.Key, refusal.Problem);
        }

        _hooks[name] = (definitionJson, definition["enabled"]?.GetValue<bool>() ?? true);
    }

    public bool Remove(string name) => _hooks.Remove(name);

    public bool? IsEnabled(string name) => _hooks.TryGetValue(name, out var hook) ? hook.Enabled : null;

    public bool SetEnabled(string name, bool enabled)
    {
        if (!_hooks.TryGetValue(name, out var hook))
        {
            return false;
        }

        _hooks[name] = hook with { Enabled = enabled };
        return true;
    }
}
