using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Core.Auth;
using Webhooks.Modular.Core.Delivery;
using Webhooks.Modular.Core.Health;
using Webhooks.Modular.Core.Hooks;
using Webhooks.Modular.Core.InProcess;
using Webhooks.Modular.Core.Pipeline;
using Webhooks.Modular.Core.Plugins;
using Webhooks.Modular.Core.Runs;
using Webhooks.Modular.Core.Surfaces;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the webhook engine to an ASP.NET Core app.</summary>
public static class WebhooksServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: loads the deployment's plugins (in dependency order), lets each register its services,
    /// then composes the inbound pipeline and the run worker. Throws <see cref="PluginConfigurationException"/>
    /// for a broken deployment.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Describes the deployment (a <c>plugins.json</c> file, plugins, hooks, handlers).</param>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, Action<Webhooks.Modular.Core.Embedding.WebhooksBuilder> configure)
    {
        var builder = new Webhooks.Modular.Core.Embedding.WebhooksBuilder();
        configure(builder);
        var deployment = builder.Deployment;

        var runOptions = BindRunOptions(deployment.Runs, deployment.File);
        foreach (var change in builder.RunOptions)
        {
            change(runOptions);
        }

        var loader = new PluginLoader();
        var plugins = loader.Load(deployment);
        var generations = new List<Webhooks.Modular.Core.Plugins.Reloading.PluginGeneration>();

        // Before any plugin's hosted service, so the plugin lines come first even when one of those fails to start.
        services.AddHostedService<PluginStartupLog>();
        services.AddEngineHealthChecks();
        services.AddOptions<Webhooks.Modular.Core.Diagnostics.RequestLogOptions>().BindConfiguration(Webhooks.Modular.Core.Diagnostics.RequestLogOptions.Section);
        services.AddOptions<Webhooks.Modular.Core.Diagnostics.RejectionLogOptions>().BindConfiguration(Webhooks.Modular.Core.Diagnostics.RejectionLogOptions.Section);
        services.AddSingleton<Webhooks.Modular.Core.Diagnostics.RejectionLog>();
        services.AddSingleton<Webhooks.Modular.Abstractions.Inbound.IRejectionLog>(sp => sp.GetRequiredService<Webhooks.Modular.Core.Diagnostics.RejectionLog>());
        foreach (var plugin in plugins)
        {
            if (plugin.Reloadable)
            {
                // Its services go into a container of its own, replaced whole by its next build.
                var entryKey = deployment.Plugins.First(e => string.Equals(e.Name, plugin.Context.Name, StringComparison.OrdinalIgnoreCase)).Key;
                generations.Add(new Webhooks.Modular.Core.Plugins.Reloading.PluginGeneration(
                    plugin, 1, Webhooks.Modular.Core.Plugins.Reloading.ReloadablePlugins.Configure(plugin, deployment.File, entryKey)));
                continue;
            }

            try
            {
                plugin.Plugin.ConfigureServices(services, plugin.Context);
            }
            catch (Exception ex) when (ex is not PluginConfigurationException)
            {
                // A plugin's own failure stops the host like a configuration mistake: one line naming the plugin.
                var key = deployment.Plugins.FirstOrDefault(e => string.Equals(e.Name, plugin.Context.Name, StringComparison.OrdinalIgnoreCase))?.Key ?? "plugins";
                throw new PluginConfigurationException(
                    deployment.File, plugin.Context.Name, key, $"{plugin.Plugin.GetType().Name}.ConfigureServices threw {PluginFailure.Describe(ex)}", ex);
            }
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestBodyHandler>();
        services.AddSingleton(deployment);
        var reloadable = new Webhooks.Modular.Core.Plugins.Reloading.ReloadablePlugins(deployment.File, generations);
        services.AddSingleton(sp => reloadable.Attach(sp));
        services.AddSingleton(new PluginCatalog(plugins, reloadable));
        if (reloadable.Current.Count > 0)
        {
            services.AddSingleton(loader);
            services.AddHostedService<Webhooks.Modular.Core.Plugins.Reloading.PluginReloader>();
        }

        services.AddSingleton<HookFactory>();
        services.AddSingleton<HookRegistry>();
        services.AddSingleton<Webhooks.Modular.Abstractions.Hooks.IHookCatalog>(sp => sp.GetRequiredService<HookRegistry>());
        services.AddSingleton<RunSignal>();
        services.AddSingleton<Webhooks.Modular.Abstractions.Runs.IRunRerunner>(sp => new RunRerunner(
            sp.GetService<Webhooks.Modular.Abstractions.Storage.IRunReruns>(), sp.GetRequiredService<RunSignal>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Webhooks.Modular.Core.Events.TriggerMatcher>();
        services.AddSingleton<Webhooks.Modular.Core.Events.EventBus>();
        services.AddSingleton<Webhooks.Modular.Abstractions.Events.IEventBus>(sp => sp.GetRequiredService<Webhooks.Modular.Core.Events.EventBus>());
        services.AddSingleton<Webhooks.Modular.Abstractions.Events.IEventReplayer, Webhooks.Modular.Core.Events.EventReplayer>();
        services.AddOutboundDelivery(deployment, builder.DeliveryOptions);
        services.AddSingleton<IAuthSchemeFactory, NoAuthSchemeFactory>();
        services.AddSingleton<IRunActionFactory, InProcessActionFactory>();
        foreach (var handler in builder.Handlers)
        {
            services.AddSingleton(handler);
        }

        var authFailures = AuthFailureOptions.Bind(deployment.AuthFailures, deployment.File);
        services.AddSingleton(_ => new AuthFailureLimiter(authFailures));
        services.AddSingleton(Webhooks.Modular.Core.Housekeeping.RetentionOptions.Bind(deployment.Retention, deployment.File));
        services.AddInboundPipeline();
        services.AddSingleton<IApiSurface, GenericHookSurface>();
        services.AddSingleton<IApiSurface, RunsApi>();
        services.AddOptions<RunWorkerOptions>().Configure(o =>
        {
            o.Enabled = runOptions.Enabled;
            o.Concurrency = runOptions.Concurrency;
            o.LeaseSeconds = runOptions.LeaseSeconds;
            o.PollMilliseconds = runOptions.PollMilliseconds;
        });
        services.AddHostedService<HookSynchronizer>();
        services.AddHostedService<RunWorker>();
        // A shared store's notifications wake this host's run and delivery workers (both signals are registered above).
        services.AddHostedService(sp => new Webhooks.Modular.Core.Workers.StoreSignalBridge(
            sp.GetService<Webhooks.Modular.Abstractions.Storage.IStoreSignals>(),
            sp.GetRequiredService<RunSignal>(),
            sp.GetRequiredService<DeliverySignal>(),
            sp.GetRequiredService<DestinationCatalog>()));
        services.AddHostedService<Webhooks.Modular.Core.Housekeeping.StoreHousekeeping>();
        services.AddHostedService<Webhooks.Modular.Core.Diagnostics.BacklogGauges>();
        return services;
    }

    private static RunWorkerOptions BindRunOptions(IConfiguration? section, string file)
    {
        var options = new RunWorkerOptions();
        try
        {
            section?.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new PluginConfigurationException(file, "host", "runs", ex.Message, ex);
        }

        if (options.Concurrency < 1)
        {
            throw new PluginConfigurationException(file, "host", "runs:concurrency", "must be at least 1");
        }

        if (options.LeaseSeconds <= 0)
        {
            throw new PluginConfigurationException(file, "host", "runs:leaseSeconds", "must be positive");
        }

        if (options.PollMilliseconds < 10)
        {
            throw new PluginConfigurationException(file, "host", "runs:pollMilliseconds", "must be at least 10");
        }

        return options;
    }
}
