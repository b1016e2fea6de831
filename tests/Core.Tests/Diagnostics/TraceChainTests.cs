using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Core.Tests.Diagnostics;

/// <summary>
/// One trace per webhook on the real host: the receipt continues the sender's <c>traceparent</c>, the commit is inside
/// it, the run and the delivery attempt (made later by the workers) are its children, and the outbound request carries
/// the attempt's <c>traceparent</c>. The spans are collected with an <see cref="ActivityListener"/> in the test, which
/// sees exactly what an exporter would; other tests run beside this one, so spans are picked by trace id.
/// </summary>
public sealed class TraceChainTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TraceChainTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Webhooks.Modular",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task Receipt_commit_run_and_delivery_attempt_share_the_senders_trace_and_the_outbound_request_carries_traceparent()
    {
        await using var host = await TelemetryHost.StartAsync();
        var traceId = ActivityTraceId.CreateRandom();
        var senderSpan = ActivitySpanId.CreateRandom();

        using var response = await host.Host.Client.SendAsync(host.Post(TelemetryHost.Key, $"00-{traceId}-{senderSpan}-01"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        var requestId = answer.GetProperty("requestId").GetString();
        var outbound = Assert.Single(await host.Receiver.WaitForAsync(1));

        var spans = await WaitForSpansAsync(traceId, "webhooks.receive", "webhooks.storage.commit", "webhooks.run", "webhooks.delivery.attempt");
        var receipt = Assert.Single(spans, s => s.OperationName == "webhooks.receive");
        var commit = Assert.Single(spans, s => s.OperationName == "webhooks.storage.commit");
        var run = Assert.Single(spans, s => s.OperationName == "webhooks.run");
        var attempt = Assert.Single(spans, s => s.OperationName == "webhooks.delivery.attempt");

        Assert.Equal(senderSpan, SenderParent(receipt));
        Assert.Equal(requestId, receipt.GetTagItem("webhooks.request_id"));
        Assert.Equal("accepted", receipt.GetTagItem("webhooks.outcome"));
        Assert.Equal(receipt.SpanId, commit.ParentSpanId);
        Assert.Equal(receipt.SpanId, run.ParentSpanId);
        Assert.Equal(answer.GetProperty("runId").GetString(), run.GetTagItem("webhooks.run_id"));
        Assert.Equal(requestId, run.GetTagItem("webhooks.request_id"));
        Assert.Equal(receipt.SpanId, attempt.ParentSpanId);
        Assert.Equal(requestId, attempt.GetTagItem("webhooks.request_id"));
        Assert.Equal("succeeded", attempt.GetTagItem("webhooks.outcome"));

        // The destination sees the trace continued: its parent is the attempt (or the HTTP client's span inside it).
        var traceparent = outbound.Header("traceparent");
        Assert.NotNull(traceparent);
        Assert.True(ActivityContext.TryParse(traceparent, null, out var sent), traceparent);
        Assert.Equal(traceId, sent.TraceId);
        Assert.NotEqual(receipt.SpanId, sent.SpanId);
    }

    [Fact]
    public async Task The_delivery_of_the_runs_completed_event_stays_in_the_webhooks_trace_as_a_child_of_the_run()
    {
        await using var host = await TelemetryHost.StartAsync();
        var destinations = host.Host.Services.GetRequiredService<IDestinationManager>();
        await destinations.CreateAsync(
            new DestinationSpec("test", host.Receiver.Url.ToString(), ["run.completed"]) { HookName = host.Hook }, CancellationToken.None);
        var traceId = ActivityTraceId.CreateRandom();

        using var response = await host.Host.Client.SendAsync(host.Post(TelemetryHost.Key, $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetString();
        var outbound = await host.Receiver.WaitForAsync(2);
        var announced = Assert.Single(outbound, r => r.Text.Contains("\"runId\"", StringComparison.Ordinal));

        // Both attempts end in this trace: the webhook's own event's, and the run.completed event's, under the run.
        var spans = await WaitForSpansAsync(
            traceId, s => s.Count(x => x.OperationName == "webhooks.delivery.attempt") == 2, "webhooks.receive", "webhooks.run");
        var receipt = Assert.Single(spans, s => s.OperationName == "webhooks.receive");
        var run = Assert.Single(spans, s => s.OperationName == "webhooks.run");
        var attempt = Assert.Single(spans, s => s.OperationName == "webhooks.delivery.attempt" && (string?)s.GetTagItem("webhooks.event_type") == "run.completed");
        Assert.Equal(receipt.SpanId, run.ParentSpanId);
        Assert.Equal(run.SpanId, attempt.ParentSpanId);
        Assert.Equal(requestId, attempt.GetTagItem("webhooks.request_id"));
        Assert.Equal("succeeded", attempt.GetTagItem("webhooks.outcome"));
        Assert.True(ActivityContext.TryParse(announced.Header("traceparent"), null, out var sent), announced.Header("traceparent"));
        Assert.Equal(traceId, sent.TraceId);
    }

    [Fact]
    public async Task A_request_without_traceparent_starts_a_trace_that_its_run_joins()
    {
        await using var host = await TelemetryHost.StartAsync();

        using var response = await host.Host.Client.SendAsync(host.Post(TelemetryHost.Key));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();

        var run = await WaitForAsync(() => _stopped.FirstOrDefault(s => s.OperationName == "webhooks.run" && (string?)s.GetTagItem("webhooks.run_id") == runId));
        var receipt = Assert.Single(_stopped, s => s.OperationName == "webhooks.receive" && s.TraceId == run.TraceId);
        Assert.Equal(default, SenderParent(receipt));
        Assert.Equal(receipt.SpanId, run.ParentSpanId);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>
    /// The span the sender named as the receipt's parent: the remote parent of the outermost activity in this process.
    /// ASP.NET Core's hosting makes its own request activity (which continues <c>traceparent</c>) whenever anything in the
    /// process listens to it; the receipt is then inside that one.
    /// </summary>
    private static ActivitySpanId SenderParent(Activity receipt)
    {
        var outermost = receipt;
        while (outermost.Parent is { } parent)
        {
            outermost = parent;
        }

        return outermost.ParentSpanId;
    }

    private Task<IReadOnlyList<Activity>> WaitForSpansAsync(ActivityTraceId traceId, params string[] names) =>
        WaitForSpansAsync(traceId, _ => true, names);

    private async Task<IReadOnlyList<Activity>> WaitForSpansAsync(ActivityTraceId traceId, Func<List<Activity>, bool> until, params string[] names)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var spans = _stopped.Where(s => s.TraceId == traceId).ToList();
            if (names.All(n => spans.Any(s => s.OperationName == n)) && until(spans))
            {
                return spans;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"trace {traceId}: expected spans {string.Join(", ", names)}, got {string.Join(", ", spans.Select(s => s.OperationName))}");
            }

            await Task.Delay(50);
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> find)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the span never ended");
            }

            await Task.Delay(50);
        }
    }
}
