namespace Webhooks.Modular.Abstractions.Hooks;

/// <summary>
/// The hooks this host serves. Besides the hooks of <c>plugins.json</c>, API surfaces add and remove hooks at run
/// time (a webhook created through an API). Definitions take the same shape as an entry of <c>hooks</c> in
/// <c>plugins.json</c>, plus <c>surface</c>: a hook with a surface is served only through that surface's routes.
/// Persisting run-time hooks is the caller's part (<see cref="Storage.IHookStore"/>).
/// </summary>
public interface IHookCatalog
{
    /// <summary>Builds and adds (or replaces) a hook; throws <see cref="Plugins.PluginConfigurationException"/> for a bad definition.</summary>
    /// <param name="definitionJson">The hook, as JSON.</param>
    void Register(string definitionJson);

    /// <summary>Removes a hook; false when there was none.</summary>
    /// <param name="name">The hook's name.</param>
    bool Remove(string name);

    /// <summary>Whether a hook is served, and whether it is enabled; <c>null</c> when there is no such hook.</summary>
    /// <param name="name">The hook's name.</param>
    bool? IsEnabled(string name);

    /// <summary>Enables or disables a hook (a disabled hook answers 403 to genuine requests); false when there is no such hook.</summary>
    /// <param name="name">The hook's name.</param>
    /// <param name="enabled">The new state.</param>
    bool SetEnabled(string name, bool enabled);
}
