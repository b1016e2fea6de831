using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.LiteDb.Backlog;
using Webhooks.Modular.Storage.LiteDb.Configuration;
using Webhooks.Modular.Storage.LiteDb.Credentials;
using Webhooks.Modular.Storage.LiteDb.Database;
using Webhooks.Modular.Storage.LiteDb.Deliveries;
using Webhooks.Modular.Storage.LiteDb.Events;
using Webhooks.Modular.Storage.LiteDb.Health;
using Webhooks.Modular.Storage.LiteDb.Hooks;
using Webhooks.Modular.Storage.LiteDb.Queries;
using Webhooks.Modular.Storage.LiteDb.Retention;
using Webhooks.Modular.Storage.LiteDb.Runs;
using Webhooks.Modular.Storage.LiteDb.Tokens;
using Webhooks.Modular.Storage.LiteDb.Users;

namespace Webhooks.Modular.Storage.LiteDb;

/// <summary>
/// Stores events, runs, idempotency keys, hooks, tokens, users, outbound destinations, deliveries and credentials in
/// one LiteDB file, with the optional management queries, backlog, retention and event feed. Settings: <c>path</c> and <c>maxBatchSize</c>; see the plugin's README.
/// </summary>
public sealed class LiteDbStoragePlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);

        // Read now, not when first resolved, so that a bad setting stops the host at start-up.
        var options = LiteDbStorageOptions.FromSettings(context);

        services.AddSingleton(options);
        services.AddSingleton(sp => new LiteDbDatabase(options, sp.GetService<TimeProvider>() ?? TimeProvider.System));

        // The stores share one database object, hence one writer and one commit stream.
        services.AddSingleton<IEventStore>(sp => new LiteDbEventStore(sp.GetRequiredService<LiteDbDatabase>()));
        services.AddSingleton<IEventFeed>(sp => new LiteDbEventFeed(sp.GetRequiredService<LiteDbDatabase>()));
        services.AddSingleton<IRunQueue>(sp => new LiteDbRunQueue(sp.GetRequiredService<LiteDbDatabase>()));
        services.AddSingleton<IHookStore>(sp => new LiteDbHookStore(sp.GetRequiredService<LiteDbDatabase>()));
        services.AddSingleton<IAuthTokenStore>(sp => new LiteDbAuthTokenStore(sp.GetRequiredService<LiteDbDatabase>()));
        services.AddSingleton<IUserStore>(sp => new LiteDbUserStore(sp.GetRequiredService<LiteDbDatabase>()));
        services.AddSingleton<IDeliveryStore>(sp => new LiteDbDeliveryStore(sp.GetRequiredService<LiteDbDatabase>()));
        services.AddSingleton<ICredentialStore>(sp => new LiteDbCredentialStore(sp.GetRequiredService<LiteDbDatabase>()));
        services.AddSingleton(sp => new LiteDbManagementQueries(sp.GetRequiredService<LiteDbDatabase>()));
        services.AddSingleton<IEventQueries>(sp => sp.GetRequiredService<LiteDbManagementQueries>());
        services.AddSingleton<IEventSearch>(sp => sp.GetRequiredService<LiteDbManagementQueries>());
        services.AddSingleton<IRunQueries>(sp => sp.GetRequiredService<LiteDbManagementQueries>());
        services.AddSingleton<IDeliveryQueries>(sp => sp.GetRequiredService<LiteDbManagementQueries>());
        services.AddSingleton<IStoreBacklog>(sp => new LiteDbStoreBacklog(sp.GetRequiredService<LiteDbDatabase>()));
        services.AddSingleton<IStoreRetention>(sp => new LiteDbStoreRetention(sp.GetRequiredService<LiteDbDatabase>()));

        // Readiness (/readyz): the file is there, reads, and has the layout this code knows.
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            context.Name, sp => new LiteDbHealthCheck(sp.GetRequiredService<LiteDbDatabase>()), failureStatus: null, tags: null, timeout: TimeSpan.FromSeconds(10)));
        services.AddHostedService(sp => new LiteDbDatabaseInitializer(sp.GetRequiredService<LiteDbDatabase>(), context));
    }
}
