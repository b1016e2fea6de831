using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Delivery;

/// <summary>
/// The host in-process with a fake clock, a SQLite file, the HTTP channel allowed to reach loopback, and a receiver.
/// Retries are driven by moving the clock; the worker polls every 20 ms of real time.
/// </summary>
internal sealed class DeliveryHost : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private bool _stopped;

    private DeliveryHost(TempFolder folder, LoopbackHost host, Receiver receiver, ManualClock clock)
    {
        _folder = folder;
        Host = host;
        Receiver = receiver;
        Clock = clock;
    }

    public LoopbackHost Host { get; }

    public Receiver Receiver { get; }

    public ManualClock Clock { get; }

    public string Folder => _folder.Path;

    public IDestinationManager Destinations => Host.Services.GetRequiredService<IDestinationManager>();

    public IDeliveryStore Store => Host.Services.GetRequiredService<IDeliveryStore>();

    public IWebhookPublisher Publisher => Host.Services.GetRequiredService<IWebhookPublisher>();

    public static async Task<DeliveryHost> StartAsync(
        Action<DeliveryOptions>? delivery = null, object[]? hooks = null, Action<Core.Embedding.WebhooksBuilder>? configure = null, int timeoutSeconds = 5)
    {
        var folder = new TempFolder();
        var receiver = await Receiver.StartAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var document = new
        {
            plugins = new object[]
            {
                new { name = "Storage.Sqlite", settings = new { path = "data/webhooks.db" } },
                new { name = "Delivery.Http", settings = new { allowedNetworks = new[] { "127.0.0.1/32" }, timeoutSeconds } },
            },
            hooks = hooks ?? [],
            runs = new { concurrency = 2, pollMilliseconds = 50 },
        };
        var config = folder.Write("plugins.json", JsonSerializer.Serialize(document));
        var host = await LoopbackHost.StartAsync(config, webhooks =>
        {
            webhooks.AddPlugin(new ClockPlugin(clock));
            webhooks.ConfigureDelivery(o =>
            {
                o.PollMilliseconds = 20;
                o.Jitter = 0;
                o.CircuitBreakerFailures = 1000;
                delivery?.Invoke(o);
            });
            configure?.Invoke(webhooks);
        });
        return new DeliveryHost(folder, host, receiver, clock);
    }

    public Task<CreatedDestination> SubscribeAsync(RetryPolicy retry, params string[] events) =>
        Destinations.CreateAsync(new DestinationSpec("test", Receiver.Url.ToString(), events.Length == 0 ? ["order.paid"] : events) { Retry = retry }, CancellationToken.None);

    public async Task<string> PublishAsync(string eventType = "order.paid", object? data = null)
    {
        var published = await Publisher.PublishAsync(eventType, data ?? new { orderId = 42 }, CancellationToken.None);
        return Assert.Single(published.DeliveryIds!);
    }

    /// <summary>Waits (real time) until the delivery has <paramref name="attempts"/> recorded attempts, and returns it.</summary>
    public async Task<DeliveryRecord> WaitForAttemptsAsync(string deliveryId, int attempts)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var delivery = await Store.GetDeliveryAsync(deliveryId, CancellationToken.None);
            if (delivery!.Attempts >= attempts && delivery.LeaseOwner is null)
            {
                return delivery;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"delivery {deliveryId}: expected {attempts} attempts, has {delivery.Attempts} ({delivery.Status}, {delivery.LastError})");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Gives the worker time to act on anything due now (several of its 20 ms polls).</summary>
    public static Task SettleAsync() => Task.Delay(400);

    /// <summary>Stops the host, keeping its folder (so the test can read the database file).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Host.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Receiver.DisposeAsync();
        _folder.Dispose();
    }
}
