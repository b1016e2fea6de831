using System.Net;

namespace Webhooks.Modular.Core.Tests.Diagnostics;

/// <summary>The telemetry plugin serves the engine's instruments as Prometheus text at <c>/metrics</c> on the real host.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_count_accepted_and_rejected_requests_finished_runs_and_deliveries_after_known_traffic()
    {
        await using var host = await TelemetryHost.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            using var accepted = await host.Host.Client.SendAsync(host.Post(TelemetryHost.Key));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        for (var i = 0; i < 2; i++)
        {
            using var rejected = await host.Host.Client.SendAsync(host.Post("wrong-key"));
            Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        }

        await host.Receiver.WaitForAsync(3);
        var hook = ("webhooks_hook", host.Hook);
        var destination = ("webhooks_destination", host.DestinationId);
        var scrape = await host.ScrapeUntilAsync(s =>
            s.Sum("webhooks_runs_finished_total", hook) >= 3 && s.Sum("webhooks_delivery_attempts_total", destination) >= 3);

        Assert.Equal(3, scrape.Sum("webhooks_received_total", hook, ("webhooks_outcome", "accepted")));
        Assert.Equal(2, scrape.Sum("webhooks_received_total", hook, ("webhooks_outcome", "unauthorized")));
        Assert.Equal(5, scrape.Sum("webhooks_accept_duration_seconds_count", hook));
        Assert.Equal(3, scrape.Sum("webhooks_runs_started_total", hook));
        Assert.Equal(3, scrape.Sum("webhooks_runs_finished_total", hook, ("webhooks_outcome", "succeeded")));
        Assert.Equal(3, scrape.Sum("webhooks_run_duration_seconds_count", hook, ("webhooks_outcome", "succeeded")));
        Assert.Equal(3, scrape.Sum("webhooks_delivery_attempts_total", destination, ("webhooks_outcome", "succeeded")));
        Assert.Equal(3, scrape.Sum("webhooks_delivery_duration_seconds_count", destination));
        Assert.Equal(0, scrape.Sum("webhooks_delivery_dead_letters_total", destination));
        Assert.True(scrape.Has("webhooks_delivery_circuit_state", destination), scrape.Text);
        Assert.Equal(0, scrape.Sum("webhooks_delivery_circuit_state", destination));

        // The SQLite writer reports on the same meter from its own plugin: at least the three acceptances were committed.
        Assert.True(scrape.Sum("webhooks_storage_commit_batch_size_sum", ("webhooks_outcome", "committed")) >= 3, scrape.Text);
        Assert.True(scrape.Sum("webhooks_storage_commit_duration_seconds_count", ("webhooks_outcome", "committed")) >= 1, scrape.Text);
    }

    [Fact]
    public async Task Requests_refused_with_429_after_repeated_authentication_failures_are_counted_as_rate_limited()
    {
        await using var host = await TelemetryHost.StartAsync();
        // The host allows three failures per window (TelemetryHost); the next two are refused before authentication.
        var limited = 0;
        for (var i = 0; i < 5; i++)
        {
            using var response = await host.Host.Client.SendAsync(host.Post("wrong-key"));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited++;
            }
        }

        Assert.Equal(2, limited);
        var hook = ("webhooks_hook", host.Hook);
        var scrape = await host.ScrapeUntilAsync(s => s.Sum("webhooks_rate_limited_total", hook) >= 2);
        Assert.Equal(2, scrape.Sum("webhooks_rate_limited_total", hook));
        Assert.Equal(2, scrape.Sum("webhooks_received_total", hook, ("webhooks_outcome", "too_many_requests")));
    }
}
