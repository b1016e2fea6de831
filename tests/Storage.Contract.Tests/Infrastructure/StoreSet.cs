using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>
/// One host's stores: a container built the way the host builds it (logging, the clock, then the plugin's
/// <see cref="IWebhookPlugin.ConfigureServices"/>), with every hosted service started, which applies the
/// plugin's migrations. Disposing it stops the hosted services and disposes the container, as a host shutting down.
/// </summary>
internal sealed class StoreSet : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IReadOnlyList<IHostedService> _hostedServices;

    private StoreSet(ServiceProvider provider, IReadOnlyList<IHostedService> hostedServices)
    {
        _provider = provider;
        _hostedServices = hostedServices;
        Events = provider.GetRequiredService<IEventStore>();
        Runs = provider.GetRequiredService<IRunQueue>();
        Hooks = provider.GetRequiredService<IHookStore>();
        Tokens = provider.GetRequiredService<IAuthTokenStore>();
        Users = provider.GetRequiredService<IUserStore>();
        Deliveries = provider.GetRequiredService<IDeliveryStore>();
        Credentials = provider.GetRequiredService<ICredentialStore>();
        Signals = provider.GetService<IStoreSignals>();
        Backlog = provider.GetService<IStoreBacklog>();
        Retention = provider.GetService<IStoreRetention>();
        Feed = provider.GetService<IEventFeed>();
    }

    public IEventFeed? Feed { get; }

    /// <summary>Events, their runs, deliveries and idempotency keys.</summary>
    public IEventStore Events { get; }

    /// <summary>The run queue.</summary>
    public IRunQueue Runs { get; }

    /// <summary>Hook definitions.</summary>
    public IHookStore Hooks { get; }

    /// <summary>Bearer tokens.</summary>
    public IAuthTokenStore Tokens { get; }

    /// <summary>Management users.</summary>
    public IUserStore Users { get; }

    /// <summary>Destinations, deliveries and attempts.</summary>
    public IDeliveryStore Deliveries { get; }

    /// <summary>Outbound credentials.</summary>
    public ICredentialStore Credentials { get; }

    /// <summary>Cross-host wake-ups, or <c>null</c> when the plugin offers none.</summary>
    public IStoreSignals? Signals { get; }

    /// <summary>A service the plugin must register (an optional store contract it implements).</summary>
    public T Required<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>The backlog reader, or <c>null</c> when the plugin offers none.</summary>
    public IStoreBacklog? Backlog { get; }

    /// <summary>The retention purger, or <c>null</c> when the plugin offers none.</summary>
    public IStoreRetention? Retention { get; }

    /// <summary>Configures <paramref name="plugin"/> into a new container and starts its hosted services.</summary>
    /// <param name="plugin">The storage plugin.</param>
    /// <param name="context">Its name and settings, as <c>plugins.json</c> would give them.</param>
    /// <param name="clock">The clock every store reads.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<StoreSet> StartAsync(IWebhookPlugin plugin, PluginContext context, TimeProvider clock, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        plugin.ConfigureServices(services, context);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var started = new List<IHostedService>();
        try
        {
            foreach (var hostedService in provider.GetServices<IHostedService>())
            {
                await hostedService.StartAsync(cancellationToken);
                started.Add(hostedService);
            }

            return new StoreSet(provider, started);
        }
        catch
        {
            await StopAsync(started);
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(_hostedServices);
        await _provider.DisposeAsync();
    }

    private static async Task StopAsync(IReadOnlyList<IHostedService> started)
    {
        // In reverse, as the host stops them.
        for (var i = started.Count - 1; i >= 0; i--)
        {
            await started[i].StopAsync(CancellationToken.None);
        }
    }
}
