using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Surfaces.Kestra.Api;
using Webhooks.Modular.Surfaces.Kestra.Flows;
using Webhooks.Modular.Surfaces.Kestra.Hooks;
using Webhooks.Modular.Surfaces.Kestra.Runs;
using Webhooks.Modular.Surfaces.Kestra.Templates;

namespace Webhooks.Modular.Surfaces.Kestra;

/// <summary>
/// Kestra's webhook trigger: flows are YAML files in Kestra's shape; each webhook trigger is served at
/// <c>/api/v1/executions/webhook/{namespace}/{flowId}/{key}</c> by a run-time hook (url-key auth, the trigger's
/// conditions, the <c>kestra-flow</c> action), and <c>GET /api/v1/executions/{id}</c> shows an execution.
/// Settings: <c>flowsDirectory</c> (default <c>flows</c>), <c>maxBodyBytes</c>; see the README.
/// </summary>
public sealed class KestraSurfacePlugin : WebhookPlugin
{
    /// <inheritdoc />
    /// <remarks>
    /// Every trigger's hook authenticates with <c>url-key</c>. Shell tasks need <c>Actions.Command</c> and conditions
    /// their condition plugin (such as <c>Conditions.Expression</c>); a flow that uses them without it stops the host
    /// with an error naming the flow, so they are not required of a deployment whose flows only log.
    /// </remarks>
    public override IReadOnlyList<string> DependsOn => ["Auth.UrlKey"];

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        // Flows are read and checked now, so that a bad flow (a key over 256 characters, a missing id) stops the host
        // before anything starts; their hooks are registered at start, once the engine can build them.
        var options = KestraOptions.FromSettings(context);
        var templates = new ExpressionTemplateRenderer();
        var loader = new FlowLoader(context.BaseDirectory, templates);
        var catalog = new FlowCatalog(loader.LoadDirectory(options.FlowsDirectory));

        services.AddSingleton(options);
        services.AddSingleton(loader);
        services.AddSingleton(catalog);
        services.AddSingleton<ITemplateRenderer>(templates);
        services.AddSingleton<IRunActionFactory>(sp => new FlowActionFactory(
            sp.GetRequiredService<FlowLoader>(),
            sp.GetRequiredService<ITemplateRenderer>(),
            () => sp.GetServices<IRunActionFactory>().FirstOrDefault(f => f.Type == FlowActionFactory.CommandActionType)));
        services.AddHostedService<FlowHookRegistrar>();
        services.AddSingleton<WebhookEndpoint>();
        services.AddSingleton<ExecutionEndpoint>();
        services.AddSingleton<IApiSurface, KestraApi>();
    }
}
