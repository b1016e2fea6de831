using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Plugins.Reloading;

/// <summary>
/// Runs a reloadable plugin's <c>MapEndpoints</c> against a route builder that serves nothing, to refuse a plugin
/// that maps routes: routes are mapped once, when the host starts, and could not follow a new build.
/// </summary>
internal sealed class EndpointProbe(IServiceProvider services) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider => services;

    public ICollection<EndpointDataSource> DataSources { get; } = [];

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);

    /// <summary>Throws when the plugin maps an endpoint (or fails trying).</summary>
    public static void Check(LoadedPlugin plugin, IServiceProvider services, string file, string key)
    {
        var probe = new EndpointProbe(services);
        try
        {
            plugin.Plugin.MapEndpoints(probe, plugin.Context);
        }
        catch (Exception ex) when (ex is not PluginConfigurationException)
        {
            throw new PluginConfigurationException(file, plugin.Context.Name, key, $"{plugin.Plugin.GetType().Name}.MapEndpoints threw {PluginFailure.Describe(ex)}", ex);
        }

        if (probe.DataSources.Count > 0)
        {
            throw new PluginConfigurationException(
                file, plugin.Context.Name, $"{key}:reloadable", "a reloadable plugin cannot map endpoints (routes are mapped once, at start)");
        }
    }
}
