using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Backlog;
using Webhooks.Modular.Storage.Postgres.Configuration;
using Webhooks.Modular.Storage.Postgres.Credentials;
using Webhooks.Modular.Storage.Postgres.Database;
using Webhooks.Modular.Storage.Postgres.Deliveries;
using Webhooks.Modular.Storage.Postgres.Events;
using Webhooks.Modular.Storage.Postgres.Health;
using Webhooks.Modular.Storage.Postgres.Hooks;
using Webhooks.Modular.Storage.Postgres.Retention;
using Webhooks.Modular.Storage.Postgres.Runs;
using Webhooks.Modular.Storage.Postgres.Signals;
using Webhooks.Modular.Storage.Postgres.Tokens;
using Webhooks.Modular.Storage.Postgres.Users;

namespace Webhooks.Modular.Storage.Postgres;

/// <summary>
/// Stores events, runs, idempotency keys, hooks, tokens, users, outbound destinations, deliveries and credentials
/// in one PostgreSQL schema that several hosts share, and tells every host when another committed work
/// (<c>LISTEN/NOTIFY</c>). Settings: <c>connectionString</c>, <c>schema</c> and <c>maxPoolSize</c>; see the
/// plugin's README.
/// </summary>
public sealed class PostgresStoragePlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);

        // Read now, not when first resolved, so that a bad setting stops the host at start-up.
        var options = PostgresStorageOptions.FromSettings(context);

        services.AddSingleton(options);
        services.AddSingleton(sp => new PostgresDatabase(
            options, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILoggerFactory>()));
        services.AddSingleton(sp => new AcceptedWebhookWriter(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton(sp => new PostgresStoreSignals(Logger(sp)));

        // The stores share one database object, hence one connection pool.
        services.AddSingleton<IEventStore>(sp => new PostgresEventStore(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<AcceptedWebhookWriter>()));
        services.AddSingleton<IEventFeed>(sp => new PostgresEventFeed(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton(sp => new PostgresRunQueue(sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<AcceptedWebhookWriter>()));
        services.AddSingleton<IRunQueue>(sp => sp.GetRequiredService<PostgresRunQueue>());
        services.AddSingleton<IRunReruns>(sp => sp.GetRequiredService<PostgresRunQueue>());
        services.AddSingleton<IHookStore>(sp => new PostgresHookStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IAuthTokenStore>(sp => new PostgresAuthTokenStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IUserStore>(sp => new PostgresUserStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IDeliveryStore>(sp => new PostgresDeliveryStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<ICredentialStore>(sp => new PostgresCredentialStore(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton(sp => new Queries.PostgresManagementQueries(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IEventQueries>(sp => sp.GetRequiredService<Queries.PostgresManagementQueries>());
        services.AddSingleton<IEventSearch>(sp => sp.GetRequiredService<Queries.PostgresManagementQueries>());
        services.AddSingleton<IRunQueries>(sp => sp.GetRequiredService<Queries.PostgresManagementQueries>());
        services.AddSingleton<IDeliveryQueries>(sp => sp.GetRequiredService<Queries.PostgresManagementQueries>());
        services.AddSingleton<IStoreBacklog>(sp => new PostgresStoreBacklog(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IStoreRetention>(sp => new PostgresStoreRetention(sp.GetRequiredService<PostgresDatabase>()));
        services.AddSingleton<IStoreSignals>(sp => sp.GetRequiredService<PostgresStoreSignals>());

        // Migrations first (the host starts hosted services in order), then the listener.
        // Readiness (/readyz): the database answers and its schema is migrated.
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            context.Name, sp => new PostgresHealthCheck(sp.GetRequiredService<PostgresDatabase>()), failureStatus: null, tags: null, timeout: TimeSpan.FromSeconds(10)));
        services.AddHostedService(sp => new PostgresDatabaseInitializer(sp.GetRequiredService<PostgresDatabase>(), context));
        services.AddHostedService(sp => new NotificationListener(
            sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<PostgresStoreSignals>(), Logger(sp)));
    }

    private static ILogger Logger(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("Webhooks.Modular.Storage.Postgres");
}
