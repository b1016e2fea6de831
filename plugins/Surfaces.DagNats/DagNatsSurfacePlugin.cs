using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Surfaces.DagNats.Api;
using Webhooks.Modular.Surfaces.DagNats.Commands;
using Webhooks.Modular.Surfaces.DagNats.Triggers;
using Webhooks.Modular.Surfaces.DagNats.Workflows;

namespace Webhooks.Modular.Surfaces.DagNats;

/// <summary>
/// DagNats' webhooks and triggers: <c>POST /v1/webhooks/{name}</c> verified by an HMAC signature, publishing
/// <c>event.webhook.{name}</c>; event triggers on subjects, optionally filtered on a payload field; each starting a
/// workflow (a steps file) with the <c>steps</c> action. Triggers are managed with the <c>trigger</c> verb. Settings:
/// <c>workflowsDirectory</c> (default <c>workflows</c>), <c>secretsDirectory</c> (default <c>data/dagnats-secrets</c>).
/// </summary>
public sealed class DagNatsSurfacePlugin : WebhookPlugin
{
    /// <inheritdoc />
    /// <remarks>Workflows run with the steps action; webhooks verify with the HMAC scheme; filters are json-field conditions.</remarks>
    public override IReadOnlyList<string> DependsOn => ["Actions.Steps", "Auth.Hmac", "Conditions.JsonField"];

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        var options = DagNatsOptions.FromSettings(context);
        services.AddSingleton(options);
        services.AddSingleton(new WorkflowFiles(options.WorkflowsDirectory));
        services.AddSingleton(new SecretFiles(options.SecretsDirectory));
        services.AddSingleton<ServedTriggers>();
        services.AddSingleton<IHostedService>(sp => new TriggerReconciler(
            sp.GetService<IHookStore>() ?? throw context.Error("plugins", "DagNats triggers are kept in the hook store: add a storage plugin that stores hooks, such as Storage.Sqlite"),
            sp.GetRequiredService<IHookCatalog>(),
            sp.GetRequiredService<ServedTriggers>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<TriggerReconciler>>(),
            sp.GetService<IStoreSignals>()));
        services.AddSingleton<IHostCommand, TriggerCommand>();
        services.AddSingleton<WebhookEndpoint>();
        services.AddSingleton<RunEndpoints>();
        services.AddSingleton<IApiSurface, DagNatsApi>();
    }
}
