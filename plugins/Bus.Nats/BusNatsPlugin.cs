using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Events;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Bus.Nats.Commands;
using Webhooks.Modular.Bus.Nats.Configuration;
using Webhooks.Modular.Bus.Nats.Connection;
using Webhooks.Modular.Bus.Nats.Consuming;
using Webhooks.Modular.Bus.Nats.Health;
using Webhooks.Modular.Bus.Nats.Relay;

namespace Webhooks.Modular.Bus.Nats;

/// <summary>
/// The event bus on NATS JetStream: every committed event is relayed from the store to the stream (default
/// <c>EVENTS</c>) on its subject, and events others publish there start the runs of matching event triggers.
/// Settings: <c>url</c> (required), <c>stream</c>, <c>subjects</c>, limits, relay and consumer settings; see the
/// plugin's README. Needs a storage plugin that offers <see cref="IEventFeed"/> (Storage.Sqlite, Storage.Postgres).
/// </summary>
public sealed class BusNatsPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);

        // Read now, so that a bad setting stops the host at start-up.
        var options = NatsBusOptions.FromSettings(context);
        services.AddSingleton(options);
        services.AddSingleton(_ => new NatsBusConnection(options));
        services.AddSingleton<RelayStatus>();
        services.AddHostedService(sp => new EventRelay(
            RequireFeed(sp, context.Name),
            sp.GetRequiredService<NatsBusConnection>(),
            options,
            sp.GetRequiredService<RelayStatus>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<EventRelay>>()));
        if (options.Consume)
        {
            services.AddHostedService(sp => new EventConsumer(
                sp.GetRequiredService<IEventBus>(),
                sp.GetRequiredService<IEventStore>(),
                sp.GetRequiredService<NatsBusConnection>(),
                options,
                sp.GetRequiredService<ILogger<EventConsumer>>()));
        }

        services.AddSingleton<IHostCommand, BusTailCommand>();
        services.AddHealthChecks().Add(new HealthCheckRegistration(
            context.Name,
            sp => new NatsBusHealthCheck(sp.GetRequiredService<NatsBusConnection>(), sp.GetRequiredService<RelayStatus>(), options),
            failureStatus: null,
            tags: null,
            timeout: TimeSpan.FromSeconds(10)));
    }

    private static IEventFeed RequireFeed(IServiceProvider services, string plugin) =>
        services.GetService<IEventFeed>() ?? throw new InvalidOperationException(
            $"The {plugin} plugin relays events from the store, but the storage plugin ({services.GetService<IEventStore>()?.GetType().Name ?? "none"}) "
            + "offers no event feed (IEventFeed). Use Storage.Sqlite or Storage.Postgres, or remove the bus plugin.");
}
