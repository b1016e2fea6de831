using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Surfaces.Dagu.Api;
using Webhooks.Modular.Surfaces.Dagu.Dags;
using Webhooks.Modular.Surfaces.Dagu.Runs;
using Webhooks.Modular.Surfaces.Dagu.Webhooks;

namespace Webhooks.Modular.Surfaces.Dagu;

/// <summary>
/// Dagu's webhooks: one per DAG, managed through <c>/api/v1/dags/{name}/webhook</c>, triggered through
/// <c>POST /api/v1/webhooks/{name}</c> with a <c>dagu_wh_</c> bearer token; each DAG's steps run in order with the
/// command action (<c>dagu-dag</c>). Settings: <c>dagsDirectory</c> (default <c>dags</c>); see the README.
/// </summary>
public sealed class DaguSurfacePlugin : WebhookPlugin
{
    /// <inheritdoc />
    /// <remarks>Steps run with the command action; webhook tokens and their hooks' auth come from the bearer plugin.</remarks>
    public override IReadOnlyList<string> DependsOn => ["Actions.Command", "Auth.Bearer"];

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        var options = DaguOptions.FromSettings(context);
        services.AddSingleton(new DagLoader(options.DagsDirectory));
        services.AddSingleton<IRunActionFactory>(sp => new DagActionFactory(
            sp.GetRequiredService<DagLoader>(),
            () => sp.GetServices<IRunActionFactory>().FirstOrDefault(f => f.Type == DagActionFactory.CommandActionType)));
        services.AddSingleton<DagWebhooks>();
        services.AddHostedService(sp => new WebhookReconciler(
            sp.GetRequiredService<DagWebhooks>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<WebhookReconciler>>(),
            sp.GetService<IStoreSignals>()));
        services.AddSingleton<WebhookEndpoints>();
        services.AddSingleton<TriggerEndpoint>();
        services.AddSingleton<DagRunEndpoints>();
        services.AddSingleton<IApiSurface, DaguApi>();
    }
}
