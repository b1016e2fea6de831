using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Webhooks.Modular.Core.Tests.Diagnostics.Otlp;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Diagnostics;

/// <summary>
/// OTLP over HTTP/protobuf from the real host to a collector: a Kestrel receiver on loopback stands in for the collector,
/// records what is posted to it, and the test decodes the protobuf bodies (<see cref="ProtoMessage"/>) into spans and
/// data points. The telemetry plugin listens process-wide, so spans and points of hosts in other tests arrive too: the
/// assertions pick this test's trace id and hook.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Traces_and_metrics_reach_an_OTLP_HTTP_collector_at_the_signal_paths_with_the_service_name()
    {
        await using var collector = await Receiver.StartAsync();
        var service = $"otlp-test-{Guid.NewGuid():N}"[..20];
        await using var host = await TelemetryHost.StartAsync(new
        {
            serviceName = service,
            prometheusPath = "",
            otlpEndpoint = new Uri(collector.Url, "/").ToString(),
            otlpProtocol = "http/protobuf",
            otlpExportIntervalMilliseconds = 300,
        });

        var traceId = ActivityTraceId.CreateRandom();
        using var traced = await host.Host.Client.SendAsync(host.Post(TelemetryHost.Key, $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));
        Assert.Equal(HttpStatusCode.OK, traced.StatusCode);
        var requestId = (await traced.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetString();
        for (var i = 0; i < 2; i++)
        {
            using var more = await host.Host.Client.SendAsync(host.Post(TelemetryHost.Key));
            Assert.Equal(HttpStatusCode.OK, more.StatusCode);
        }

        using (var rejected = await host.Host.Client.SendAsync(host.Post("wrong-key")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        }

        await host.Receiver.WaitForAsync(3, TimeSpan.FromSeconds(60));

        // The chain of the traced webhook, as the collector received it: receipt -> commit, run, delivery attempt.
        var spans = await WaitForAsync(collector, "/v1/traces", body => OtlpSpan.Read(body).Where(s => s.TraceId == traceId), found =>
            new[] { "webhooks.receive", "webhooks.storage.commit", "webhooks.run", "webhooks.delivery.attempt" }
                .All(name => found.Any(s => s.Name == name)));
        Assert.All(spans, s => Assert.Equal(service, s.ServiceName));
        Assert.All(spans, s => Assert.Equal("Webhooks.Modular", s.Scope));
        var receipt = Assert.Single(spans, s => s.Name == "webhooks.receive");
        Assert.Equal(requestId, receipt.Attributes["webhooks.request_id"]);
        Assert.Equal(host.Hook, receipt.Attributes["webhooks.hook"]);
        Assert.Equal("accepted", receipt.Attributes["webhooks.outcome"]);
        Assert.Equal(receipt.SpanId, Assert.Single(spans, s => s.Name == "webhooks.storage.commit").ParentSpanId);
        Assert.Equal(receipt.SpanId, Assert.Single(spans, s => s.Name == "webhooks.run").ParentSpanId);
        var attempt = Assert.Single(spans, s => s.Name == "webhooks.delivery.attempt");
        Assert.Equal(receipt.SpanId, attempt.ParentSpanId);
        Assert.Equal(requestId, attempt.Attributes["webhooks.request_id"]);
        Assert.Equal(host.DestinationId, attempt.Attributes["webhooks.destination"]);

        // The counts for this hook, cumulative: the last export holds all four requests.
        var hookTag = new KeyValuePair<string, object?>("webhooks.hook", host.Hook);
        var points = await WaitForAsync(collector, "/v1/metrics", body => OtlpDataPoint.Read(body).Where(p => p.Attributes.Contains(hookTag)), found =>
            Latest(found, "webhooks.received", "accepted") == 3 && Latest(found, "webhooks.received", "unauthorized") == 1
            && Latest(found, "webhooks.runs.finished", "succeeded") == 3 && Latest(found, "webhooks.accept.duration", "accepted") == 3);
        Assert.All(points, p => Assert.Equal(service, p.ServiceName));
        Assert.All(points, p => Assert.Equal("Webhooks.Modular", p.Scope));

        // Everything went to the two signal paths as protobuf; nothing to the base URL.
        Assert.All(collector.Requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Contains(r.Path, new[] { "/v1/traces", "/v1/metrics" });
            Assert.Equal("application/x-protobuf", r.Header("Content-Type"));
        });
    }

    private static double? Latest(IReadOnlyList<OtlpDataPoint> points, string metric, string outcome) =>
        points.LastOrDefault(p => p.Metric == metric && (string?)p.Attributes.GetValueOrDefault("webhooks.outcome") == outcome)?.Value;

    /// <summary>Decodes every body posted to <paramref name="path"/> so far, in arrival order, until the items meet the condition.</summary>
    private static async Task<IReadOnlyList<T>> WaitForAsync<T>(
        Receiver collector, string path, Func<byte[], IEnumerable<T>> read, Func<IReadOnlyList<T>, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var received = collector.Requests;
            var found = received.Where(r => r.Path == path).SelectMany(r => read(r.Body)).ToList();
            if (until(found))
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"{path}: the condition never held; the collector received {string.Join(", ", received.Select(r => $"{r.Method} {r.Path} ({r.Body.Length} bytes)"))}; "
                    + $"decoded for this test: {string.Join(", ", found)}");
            }

            await Task.Delay(100);
        }
    }
}
