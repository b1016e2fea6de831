using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dagu;

/// <summary>
/// One host's hook catalog: keeps the definitions it is given (thread-safe: the reconciler's loop and the test read
/// it at once) and refuses the ones <see cref="Refuse"/> picks, as the engine's catalog refuses a definition it
/// cannot build.
/// </summary>
internal sealed class HostCatalog : IHookCatalog
{
    private readonly ConcurrentDictionary<string, (string Definition, bool Enabled)> _hooks = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _registrations = new();

    /// <summary>Returns the problem of a definition to refuse, or <c>null</c> to accept it.</summary>
    public Func<JsonObject, string?> Refuse { get; set; } = _ => null;

    /// <summary>The names of the hooks given to <see cref="Register"/>, accepted or not, in order.</summary>
    public IReadOnlyList<string> Registrations => [.. _registrations];

    /// <summary>A served hook's definition, or <c>null</c>.</summary>
    public string? Definition(string name) => _hooks.TryGetValue(name, out var hook) ? hook.Definition : null;

    public void Register(string definitionJson)
    {
        var definition = (JsonObject)JsonNode.Parse(definitionJson)!;
        var name = definition["name"]!.GetValue<string>();
        _registrations.Enqueue(name);
        if (Refuse(definition) is { } problem)
        {
            throw new PluginConfigurationException("(hook registered at run time)", $"hook '{name}'", "hook:auth:scheme", problem);
        }

        _hooks[name] = (definitionJson, definition["enabled"]?.GetValue<bool>() ?? true);
    }

    public bool Remove(string name) => _hooks.TryRemove(name, out _);

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
