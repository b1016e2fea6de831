using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Webhooks.Modular.Abstractions.Plugins;

/// <summary>
/// The entry point of a plugin. The host finds one public, non-abstract implementation with a
/// parameterless constructor in the plugin's main assembly, calls <see cref="ConfigureServices"/> for
/// every plugin (in dependency order) before it calls any <see cref="MapEndpoints"/>.
/// </summary>
public interface IWebhookPlugin
{
    /// <summary>Names of the plugins this one needs loaded (and configured) before it, as named in <c>plugins.json</c>.</summary>
    IReadOnlyList<string> DependsOn { get; }

    /// <summary>Registers the plugin's services: its auth schemes, conditions, actions, stores, surfaces.</summary>
    /// <param name="services">The host's service collection.</param>
    /// <param name="context">The plugin's name, settings and the folder relative paths resolve against.</param>
    void ConfigureServices(IServiceCollection services, PluginContext context);

    /// <summary>Maps the plugin's HTTP endpoints (API surfaces). Called after every plugin's services are registered.</summary>
    /// <param name="endpoints">The host's route builder.</param>
    /// <param name="context">The same context given to <see cref="ConfigureServices"/>.</param>
    void MapEndpoints(IEndpointRouteBuilder endpoints, PluginContext context);
}
