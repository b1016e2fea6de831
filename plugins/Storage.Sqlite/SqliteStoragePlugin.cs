using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Backlog;
using Webhooks.Modular.Storage.Sqlite.Configuration;
using Webhooks.Modular.Storage.Sqlite.Credentials;
using Webhooks.Modular.Storage.Sqlite.Database;
using Webhooks.Modular.Storage.Sqlite.Deliveries;
using Webhooks.Modular.Storage.Sqlite.Events;
using Webhooks.Modular.Storage.Sqlite.Health;
using Webhooks.Modular.Storage.Sqlite.Hooks;
using Webhooks.Modular.Storage.Sqlite.Retention;
using Webhooks.Modular.Storage.Sqlite.Runs;
using Webhooks.Modular.Storage.Sqlite.Signals;
using Webhooks.Modular.Storage.Sqlite.Tokens;

namespace Webhooks.Modular.Storage.Sqlite;

/// <summary>
/// Stores events, runs, idempotency keys, hooks, tokens, users, outbound destinations, deliveries and credentials
/// in one SQLite file. Settings: <c>path</c>, <c>synchronous</c> (FULL or NORMAL) and <c>maxBatchSize</c>; see
/// the plugin's README.
/// </summary>
public sealed class SqliteStoragePlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);

        // Read now, not when first resolved, so that a bad setting stops the host at start-up.
        var options = SqliteStorageOptions.FromSettings(context);

        services.AddSingleton(options);
        services.AddSingleton(sp => new SqliteDatabase(options, sp.GetService<TimeProvider>() ?? TimeProvider.System));

        // The stores share one database object, hence one writer and one commit stream.
        services.AddSingleton<IEventStore>(sp => new SqliteEventStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IEventFeed>(sp => new SqliteEventFeed(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton(sp => new SqliteRunQueue(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IRunQueue>(sp => sp.GetRequiredService<SqliteRunQueue>());
        services.AddSingleton<IRunReruns>(sp => sp.GetRequiredService<SqliteRunQueue>());
        // Verbs run in their own process on the same file: the signals tell a running server of their changes at once.
        services.AddSingleton(sp => new SqliteStoreSignals(options.Path, sp.GetRequiredService<ILoggerFactory>().CreateLogger("Webhooks.Modular.Storage.Sqlite")));
        services.AddSingleton<IStoreSignals>(sp => sp.GetRequiredService<SqliteStoreSignals>());
        services.AddSingleton<IHookStore>(sp => new SqliteHookStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<SqliteStoreSignals>()));
        services.AddSingleton<IAuthTokenStore>(sp => new SqliteAuthTokenStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IUserStore>(sp => new Users.SqliteUserStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IDeliveryStore>(sp => new SqliteDeliveryStore(sp.GetRequiredService<SqliteDatabase>(), sp.GetRequiredService<SqliteStoreSignals>()));
        services.AddSingleton<ICredentialStore>(sp => new SqliteCredentialStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton(sp => new Queries.SqliteManagementQueries(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IEventQueries>(sp => sp.GetRequiredService<Queries.SqliteManagementQueries>());
        services.AddSingleton<IEventSearch>(sp => sp.GetRequiredService<Queries.SqliteManagementQueries>());
        services.AddSingleton<IRunQueries>(sp => sp.GetRequiredService<Queries.SqliteManagementQueries>());
        services.AddSingleton<IDeliveryQueries>(sp => sp.GetRequiredService<Queries.SqliteManagementQueries>());
        services.AddSingleton<IStoreBacklog>(sp => new SqliteStoreBacklog(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IStoreRetention>(sp => new SqliteStoreRetention(sp.GetRequiredService<SqliteDatabase>()));
        // Readiness (/readyz): the database answers and its schema is migrated.
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            context.Name, sp => new SqliteHealthCheck(sp.GetRequiredService<SqliteDatabase>()), failureStatus: null, tags: null, timeout: TimeSpan.FromSeconds(10)));
        services.AddHostedService(sp => new SqliteDatabaseInitializer(sp.GetRequiredService<SqliteDatabase>(), context));
    }
}
