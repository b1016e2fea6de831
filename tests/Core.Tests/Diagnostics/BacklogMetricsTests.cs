using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Diagnostics;

/// <summary>
/// The store's backlog gauges at <c>/metrics</c> on the real host: with run workers off and the only destination
/// down, every accepted webhook leaves a queued run and a pending delivery, and the gauges count them and age the
/// oldest. The meter is process-wide, so every assertion is scoped by this test's unique hook and destination.
/// </summary>
[Collection(BacklogGaugeCollection.Name)]
public sealed class BacklogMetricsTests : IDisposable
{
    private const int Webhooks = 4;
    private readonly TempFolder _folder = new();
    private readonly string _schema = $"backlog_{Guid.NewGuid():N}"[..20];

    public void Dispose()
    {
        _folder.Dispose();
        PostgresSchema.DropIfExists(_schema);
    }

    [Fact]
    public Task Sqlite_backlog_gauges_count_queued_runs_and_pending_deliveries_and_age_the_oldest() =>
        AssertBacklogGaugesAsync(new { name = "Storage.Sqlite", settings = new { path = "data/webhooks.db" } });

    [Fact]
    public Task LiteDb_backlog_gauges_count_queued_runs_and_pending_deliveries_and_age_the_oldest() =>
        AssertBacklogGaugesAsync(new { name = "Storage.LiteDb", settings = new { path = "data/webhooks.litedb" } });

    [PostgresFact]
    public Task Postgres_backlog_gauges_count_queued_runs_and_pending_deliveries_and_age_the_oldest() =>
        AssertBacklogGaugesAsync(new { name = "Storage.Postgres", settings = new { connectionString = $"env:{PostgresFactAttribute.Variable}", schema = _schema } });

    [PostgresFact]
    public async Task Postgres_commits_are_measured_like_sqlite_group_commits()
    {
        await using var host = await StartAsync(
            new { name = "Storage.Postgres", settings = new { connectionString = $"env:{PostgresFactAttribute.Variable}", schema = _schema } }, "pg-commits");
        var postgres = ("db_system_name", "postgresql");
        var before = (await ScrapeAsync(host.Host)).Sum("webhooks_storage_commit_batch_size_count", postgres);
        for (var i = 0; i < Webhooks; i++)
        {
            using var accepted = await host.Host.Client.PostAsync($"/hooks/{host.Hook}", new StringContent("""{"n":1}"""));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        // Each accept is one PostgreSQL transaction of one operation (the exporter may serve a scrape from its cache briefly).
        // Other tests in this process commit to SQLite; the database tag tells PostgreSQL's commits apart.
        var scrape = await ScrapeUntilAsync(host.Host, s => s.Sum("webhooks_storage_commit_batch_size_count", postgres) >= before + Webhooks);
        var committed = ("webhooks_outcome", "committed");
        Assert.True(scrape.Sum("webhooks_storage_commit_duration_seconds_count", postgres, committed) >= Webhooks, scrape.Text);
        Assert.True(scrape.Sum("webhooks_storage_commit_duration_seconds_sum", postgres, committed) > 0, scrape.Text);

        // One operation per transaction: the batch sizes' sum equals their count.
        Assert.Equal(
            scrape.Sum("webhooks_storage_commit_batch_size_count", postgres, committed),
            scrape.Sum("webhooks_storage_commit_batch_size_sum", postgres, committed));
    }

    private async Task AssertBacklogGaugesAsync(object storage)
    {
        await using var host = await StartAsync(storage, "backlog");
        for (var i = 0; i < Webhooks; i++)
        {
            using var accepted = await host.Host.Client.PostAsync($"/hooks/{host.Hook}", new StringContent("""{"n":1}"""));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        var hook = ("webhooks_hook", host.Hook);
        var destination = ("webhooks_destination", host.DestinationId);

        // The gauges read the store at most every few seconds: wait for a reading that includes every accept.
        var scrape = await ScrapeUntilAsync(host.Host, s =>
            s.Sum("webhooks_runs_queued", hook) == Webhooks && s.Sum("webhooks_outbox_pending", destination) == Webhooks);
        Assert.True(scrape.Sum("webhooks_runs_queued_oldest_age_seconds", hook) >= 0, scrape.Text);
        Assert.True(scrape.Has("webhooks_outbox_pending_oldest_age_seconds", destination), scrape.Text);

        // The oldest grows older while nothing drains the queue.
        var aged = await ScrapeUntilAsync(host.Host, s =>
            s.Sum("webhooks_runs_queued_oldest_age_seconds", hook) > 1 && s.Sum("webhooks_outbox_pending_oldest_age_seconds", destination) > 1);
        Assert.Equal(Webhooks, aged.Sum("webhooks_runs_queued", hook));
        Assert.Equal(Webhooks, aged.Sum("webhooks_outbox_pending", destination));
    }

    private async Task<BacklogHost> StartAsync(object storage, string prefix)
    {
        var hook = $"{prefix}-{Guid.NewGuid():N}"[..24];
        var config = _folder.Write("plugins.json", JsonSerializer.Serialize(new
        {
            plugins = new object[]
            {
                storage,
                new { name = "Delivery.Http", settings = new { allowedNetworks = new[] { "127.0.0.1/32" } } },
                new { name = "Telemetry.OpenTelemetry", settings = new { serviceName = "backlog-test" } },
            },
            hooks = new object[]
            {
                new { name = hook, auth = new { scheme = "none" }, action = new { type = "in-process", settings = new { handler = "never" } } },
            },

            // Run workers off: every run stays queued.
            runs = new { enabled = false },
        }));
        var host = await LoopbackHost.StartAsync(config, webhooks => webhooks.AddHandler("never", (_, _) => throw new InvalidOperationException("run workers are off")));
        try
        {
            // A destination on a port nobody listens on: every delivery fails and waits for its retry, pending.
            var created = await host.Services.GetRequiredService<IDestinationManager>().CreateAsync(
                new DestinationSpec("down", $"http://127.0.0.1:{ClosedPort()}/", [$"event.webhook.{hook}"]), CancellationToken.None);
            return new BacklogHost(host, hook, created.Destination.Id);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<PrometheusText> ScrapeAsync(LoopbackHost host)
    {
        using var response = await host.Client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<PrometheusText> ScrapeUntilAsync(LoopbackHost host, Func<PrometheusText, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var scrape = await ScrapeAsync(host);
            if (until(scrape))
            {
                return scrape;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the scrape never met the condition; last scrape:\n{scrape.Text}");
            }

            await Task.Delay(200);
        }
    }

    private sealed record BacklogHost(LoopbackHost Host, string Hook, string DestinationId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }
}
