using System.Runtime.Loader;
using Webhooks.Modular.Core.Plugins.Reloading;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>The plugins of this deployment, in dependency order; a reloadable plugin as its current build.</summary>
internal sealed class PluginCatalog(IReadOnlyList<LoadedPlugin> plugins, ReloadablePlugins? reloadable = null)
{
    // A reloadable plugin is kept by name only: holding its first build here would keep that build loaded forever.
    private readonly (string Name, LoadedPlugin? Fixed)[] _entries = [.. plugins.Select(p => (p.Context.Name, p.Reloadable ? null : p))];

    /// <summary>The loaded plugins. Read it again rather than keeping it: it must not hold a replaced build.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins =>
        [.. _entries.Select(e => e.Fixed ?? reloadable?.CurrentOf(e.Name)?.Loaded).OfType<LoadedPlugin>()];

    /// <summary>The name of the plugin whose code <paramref name="component"/> is, or <c>null</c> when it is the engine's or the app's own.</summary>
    /// <param name="component">A factory, service or other object a plugin may have registered.</param>
    public string? NameOf(object component)
    {
        var assembly = component.GetType().Assembly;
        var loadContext = AssemblyLoadContext.GetLoadContext(assembly);
        return Plugins.FirstOrDefault(p => p.LoadContext is not null ? ReferenceEquals(p.LoadContext, loadContext) : p.Plugin.GetType().Assembly == assembly)?.Context.Name;
    }
}
