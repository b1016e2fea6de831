namespace Webhooks.Modular.Core.Plugins;

/// <summary>The plugins of this deployment, in dependency order.</summary>
/// <param name="Plugins">The loaded plugins.</param>
internal sealed record PluginCatalog(IReadOnlyList<LoadedPlugin> Plugins);
