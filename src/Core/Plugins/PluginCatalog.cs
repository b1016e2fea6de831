using System.Runtime.Loader;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>The plugins of this deployment, in dependency order.</summary>
/// <param name="Plugins">The loaded plugins.</param>
internal sealed record PluginCatalog(IReadOnlyList<LoadedPlugin> Plugins)
{
    /// <summary>The name of the plugin whose code <paramref name="component"/> is, or <c>null</c> when it is the engine's or the app's own.</summary>
    /// <param name="component">A factory, service or other object a plugin may have registered.</param>
    public string? NameOf(object component)
    {
        var assembly = component.GetType().Assembly;
        var loadContext = AssemblyLoadContext.GetLoadContext(assembly);
        return Plugins.FirstOrDefault(p => p.LoadContext is not null ? ReferenceEquals(p.LoadContext, loadContext) : p.Plugin.GetType().Assembly == assembly)?.Context.Name;
    }
}
