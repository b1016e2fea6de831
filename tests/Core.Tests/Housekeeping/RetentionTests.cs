using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Housekeeping;
using Webhooks.Modular.Core.Tests.Diagnostics;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Housekeeping;

/// <summary>
/// Retention on the real host (SQLite, the telemetry plugin): a hook with a window of its own of a few seconds,
/// one whose run never ends and whose destination is down, and one on the default 30 days. Once the short window
/// has passed, a purge run while requests keep arriving deletes the finished history of the first hook only, and
/// counts what it deleted at <c>/metrics</c>.
/// </summary>
public sealed class RetentionTests : IDisposable
{
    // About 2.6 seconds, in the days the retention block takes.
    private const double ShortWindowDays = 0.00003;
    private static readonly TimeSpan ShortWindow = TimeSpan.FromDays(ShortWindowDays);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_purge_with_ingest_running_deletes_only_expired_finished_history_and_counts_it()
    {
        await using var receiver = await Receiver.StartAsync();
        var id = Guid.NewGuid().ToString("N")[..8];
        var (expiring, held, kept) = ($"expiring-{id}", $"held-{id}", $"kept-{id}");
        var retention = new { eventsDays = ShortWindowDays, runsDays = ShortWindowDays, deliveriesDays = ShortWindowDays };
        var config = _folder.Write("plugins.json", JsonSerializer.Serialize(new
        {
            plugins = new object[]
            {
                new { name = "Storage.Sqlite", settings = new { path = "data/webhooks.db" } },
                new { name = "Delivery.Http", settings = new { allowedNetworks = new[] { "127.0.0.1/32" } } },
                new { name = "Telemetry.OpenTelemetry", settings = new { serviceName = "retention-test" } },
            },
            hooks = new object[]
            {
                new { name = expiring, auth = new { scheme = "none" }, action = new { type = "in-process", settings = new { handler = "ok" } }, retention },
                new { name = held, auth = new { scheme = "none" }, action = new { type = "in-process", settings = new { handler = "hang" } }, retention },
                new { name = kept, auth = new { scheme = "none" }, action = new { type = "in-process", settings = new { handler = "ok" } } },
            },
            runs = new { concurrency = 4, pollMilliseconds = 50 },
        }));
        await using var host = await LoopbackHost.StartAsync(config, webhooks =>
        {
            webhooks.AddHandler("ok", (_, _) => Task.FromResult(RunResult.Success("ok")));
            webhooks.AddHandler("hang", async (_, cancellationToken) =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return RunResult.Success("never");
            });
            webhooks.ConfigureDelivery(o => o.PollMilliseconds = 20);
        });
        var destinations = host.Services.GetRequiredService<IDestinationManager>();
        var up = (await destinations.CreateAsync(
            new DestinationSpec("up", receiver.Url.ToString(), [$"event.webhook.{expiring}", $"event.webhook.{kept}"]), CancellationToken.None)).Destination.Id;
        var down = (await destinations.CreateAsync(
            new DestinationSpec("down", $"http://127.0.0.1:{ClosedPort()}/", [$"event.webhook.{held}"]), CancellationToken.None)).Destination.Id;

        var posted = new Dictionary<string, List<Accepted>>();
        foreach (var hook in new[] { expiring, held, kept })
        {
            posted[hook] = [];
            for (var i = 0; i < 3; i++)
            {
                posted[hook].Add(await PostAsync(host, hook));
            }
        }

        // The expiring and kept hooks' runs finish and their deliveries arrive; the held hook's runs hang.
        foreach (var accepted in posted[expiring].Concat(posted[kept]))
        {
            Assert.Equal("succeeded", (await host.WaitForRunAsync(accepted.RunId)).GetProperty("status").GetString());
        }

        await receiver.WaitForAsync(6);
        var runs = host.Services.GetRequiredService<IRunQueue>();
        await WaitUntilAsync(async () => (await Task.WhenAll(posted[held].Select(a => runs.GetRunAsync(a.RunId, CancellationToken.None))))
            .All(r => r?.Status == RunStatus.Running));
        var deliveries = host.Services.GetRequiredService<IDeliveryStore>();
        await WaitUntilAsync(async () => (await deliveries.ListDeliveriesAsync(up, 100, CancellationToken.None)).Count(d => d.Status == DeliveryStatus.Success) == 6);

        // Past the short window (the store's clock is the system's).
        await Task.Delay(ShortWindow + TimeSpan.FromSeconds(1));

        // Requests keep arriving while the purge runs; each must be accepted and kept. (To the kept hook: one to the
        // expiring hook could itself expire during a slow pass and rightly go.)
        using var stop = new CancellationTokenSource();
        var during = new ConcurrentBag<Accepted>();
        var ingest = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                during.Add(await PostAsync(host, kept));
            }
        });
        var housekeeping = host.Services.GetServices<IHostedService>().OfType<StoreHousekeeping>().Single();
        var deleted = await housekeeping.PurgeRetentionAsync(CancellationToken.None);
        while (during.Count < 4)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await ingest;

        // Each finished run also published its outcome event (run.completed) under its hook: 3 received + 3 outcomes.
        Assert.Equal(6, deleted[RetentionKind.Events]);
        Assert.Equal(3, deleted[RetentionKind.Runs]);
        Assert.Equal(3, deleted[RetentionKind.Deliveries]);

        var events = host.Services.GetRequiredService<IEventStore>();
        foreach (var accepted in posted[expiring])
        {
            Assert.Null(await events.GetEventAsync(accepted.EventId, CancellationToken.None));
            Assert.Null(await runs.GetRunAsync(accepted.RunId, CancellationToken.None));
        }

        foreach (var accepted in posted[held].Concat(posted[kept]).Concat(during))
        {
            Assert.NotNull(await events.GetEventAsync(accepted.EventId, CancellationToken.None));
            Assert.NotNull(await runs.GetRunAsync(accepted.RunId, CancellationToken.None));
        }

        // The held hook's deliveries are still pending (the destination is down), its runs still running.
        var pending = await deliveries.ListDeliveriesAsync(down, 100, CancellationToken.None);
        Assert.Equal(3, pending.Count(d => d.Status == DeliveryStatus.Pending));
        foreach (var accepted in posted[held])
        {
            Assert.Equal(RunStatus.Running, (await runs.GetRunAsync(accepted.RunId, CancellationToken.None))?.Status);
        }

        // Only the expiring hook's three delivered deliveries went; the kept hook's and those made meanwhile stayed.
        var delivered = await deliveries.ListDeliveriesAsync(up, 1000, CancellationToken.None);
        Assert.DoesNotContain(delivered, d => posted[expiring].Any(a => a.EventId == d.EventId));
        Assert.Equal(3, delivered.Count(d => posted[kept].Any(a => a.EventId == d.EventId)));

        // The purge is counted, by kind (the counter is process-wide: at least this test's rows).
        using var response = await host.Client.GetAsync("/metrics");
        var scrape = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
        foreach (var kind in new[] { "events", "runs", "deliveries" })
        {
            Assert.True(scrape.Sum("webhooks_retention_purged_total", ("webhooks_kind", kind)) >= 3, scrape.Text);
        }
    }

    private static async Task<Accepted> PostAsync(LoopbackHost host, string hook)
    {
        using var response = await host.Client.PostAsync($"/hooks/{hook}", new StringContent("""{"n":1}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Accepted(Guid.Parse(body.GetProperty("eventId").GetString()!), body.GetProperty("runId").GetString()!);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(50);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Accepted(Guid EventId, string RunId);
}
