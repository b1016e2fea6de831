using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Core.Configuration;
using Webhooks.Modular.Core.Health;
using Webhooks.Modular.Core.Hooks;
using Webhooks.Modular.Core.Plugins;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the webhook engine's routes.</summary>
public static class WebhooksEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Checks the deployment (a storage plugin is present, every hook builds) and maps every API surface and every
    /// plugin's endpoints, and the health endpoints (<c>/healthz</c>, <c>/readyz</c>; see <see cref="Webhooks.Modular.Core.Health.HealthOptions"/>). Throws <see cref="PluginConfigurationException"/> for a broken deployment, before the
    /// server takes any request.
    /// </summary>
    /// <param name="endpoints">The app's route builder.</param>
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var services = endpoints.ServiceProvider;
        var deployment = services.GetRequiredService<DeploymentModel>();
        if (services.GetService<IEventStore>() is null || services.GetService<IRunQueue>() is null || services.GetService<IHookStore>() is null)
        {
            throw new PluginConfigurationException(
                deployment.File, "host", "plugins", "no storage plugin: add one, such as { \"name\": \"Storage.Sqlite\" }");
        }

        services.GetRequiredService<HookRegistry>().Build();
        endpoints.MapEngineHealthChecks();
        foreach (var surface in services.GetServices<IApiSurface>())
        {
            surface.Map(endpoints);
        }

        foreach (var plugin in services.GetRequiredService<PluginCatalog>().Plugins)
        {
            if (plugin.Reloadable)
            {
                // Routes are mapped once; a reloadable plugin must have none, or they would outlive its build.
                var key = deployment.Plugins.First(e => string.Equals(e.Name, plugin.Context.Name, StringComparison.OrdinalIgnoreCase)).Key;
                Webhooks.Modular.Core.Plugins.Reloading.EndpointProbe.Check(plugin, services, deployment.File, key);
                continue;
            }

            plugin.Plugin.MapEndpoints(endpoints, plugin.Context);
        }

        return endpoints;
    }
}
