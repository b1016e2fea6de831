using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Surfaces.Dograh.Api;
using Webhooks.Modular.Surfaces.Dograh.Commands;
using Webhooks.Modular.Surfaces.Dograh.Credentials;
using Webhooks.Modular.Surfaces.Dograh.Destinations;
using Webhooks.Modular.Surfaces.Dograh.Payloads;
using Webhooks.Modular.Surfaces.Dograh.Workflows;

namespace Webhooks.Modular.Surfaces.Dograh;

/// <summary>
/// Dograh's webhook nodes: each <c>type: "webhook"</c> node of the configured workflow definitions becomes a
/// destination of the delivery engine that receives its workflow hook's <c>run.completed</c> and <c>run.failed</c>,
/// with a body rendered from the node's <c>payload_template</c> (payload format <c>dograh</c>); the stored
/// credentials nodes authenticate with are managed through <c>/api/v1/credentials</c> and the <c>credential</c>
/// command. Settings: <c>workflows</c> (<c>id</c>, <c>name</c>, <c>hook</c>, <c>file</c>); see the README.
/// </summary>
public sealed class DograhSurfacePlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);

        // Definitions are read and checked now, so that a bad node stops the host (and its commands) before anything starts.
        var catalog = WorkflowCatalog.Load(DograhOptions.FromSettings(context));
        services.AddSingleton(catalog);
        services.AddSingleton<IPayloadFormat>(sp => new DograhPayloadFormat(LoggerOf(sp)));
        services.AddHostedService(sp => new DestinationSynchronizer(
            catalog,
            sp.GetService<IDestinationManager>()
                ?? throw new PluginConfigurationException(context.ConfigurationFile, context.Name, "plugins", "needs the delivery engine (IDestinationManager), which this host does not provide"),
            sp.GetService<ICredentialManager>(),
            LoggerOf(sp)));
        services.AddSingleton(sp => new CredentialEndpoints(
            sp.GetService<ICredentialManager>()
                ?? throw new PluginConfigurationException(context.ConfigurationFile, context.Name, "plugins", "needs the delivery engine's credential store (ICredentialManager), which this host does not provide"),
            catalog,
            LoggerOf(sp)));
        services.AddSingleton<IApiSurface, DograhApi>();
        services.AddSingleton<IHostCommand>(sp => new CredentialCommand(sp));
    }

    private static ILogger LoggerOf(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Webhooks.Modular.Surfaces.Dograh");
}
