using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Api.Management.Endpoints;
using Webhooks.Modular.Api.Management.Replays;

namespace Webhooks.Modular.Api.Management;

/// <summary>
/// The management API under <c>/api/v1</c>: events (raw body, redacted headers, the runs and deliveries each started),
/// runs, deliveries with their attempts and replay, destinations (health, circuit, enable, disable, rotate) and
/// hooks (counts, last activity); JSON, cursor-paged, filtered. Every route needs an <c>Auth.Builtin</c> session:
/// any role reads, operator and up change. No settings; see the README.
/// </summary>
public sealed class ManagementApiPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<EventEndpoints>();
        services.AddSingleton<RunEndpoints>();
        services.AddSingleton<DeliveryEndpoints>();
        services.AddSingleton<DestinationEndpoints>();
        services.AddSingleton<HookEndpoints>();
        services.AddSingleton<SearchEndpoints>();
        services.AddSingleton<RejectionEndpoints>();
        services.AddSingleton<EventReplayEndpoints>();
        services.AddSingleton<ReplayJobs>();
        services.AddSingleton<ReplayJobEndpoints>();
        services.AddSingleton<IApiSurface, ManagementApi>();
    }
}
