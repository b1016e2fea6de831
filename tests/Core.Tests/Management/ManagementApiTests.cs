using System.Net;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Management;

/// <summary>
/// The management API (<c>Api.Management</c>) on the real host: who may call what, events with their redacted headers
/// and what they started, a failed delivery replayed, destinations changed, and lists filtered and paged by cursor.
/// </summary>
public sealed class ManagementApiTests
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;

    [Fact]
    public async Task Anonymous_gets_401_on_every_route_and_a_viewer_reads_everything_but_changes_nothing()
    {
        await using var host = await ManagementHost.StartAsync();
        var destination = await SubscribeAsync(host);
        var (_, eventId, runId) = await host.PostAsync("""{"order":1}""");
        var delivered = await host.WaitForAsync($"/api/v1/events/{eventId}", e => e.GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("status").GetString() == "success"), "delivery sent");
        var deliveryId = delivered.GetProperty("deliveries")[0].GetProperty("id").GetString()!;
        string[] reads =
        [
            "/api/v1/events", $"/api/v1/events/{eventId}", "/api/v1/runs", $"/api/v1/runs/{runId}", "/api/v1/deliveries",
            $"/api/v1/deliveries/{deliveryId}", "/api/v1/destinations", $"/api/v1/destinations/{destination}", "/api/v1/hooks",
            "/api/v1/search?q=x", "/api/v1/replay-jobs",
        ];
        string[] changes =
        [
            $"/api/v1/deliveries/{deliveryId}/replay", $"/api/v1/destinations/{destination}/disable",
            $"/api/v1/destinations/{destination}/enable", $"/api/v1/destinations/{destination}/rotate-secret",
            $"/api/v1/destinations/{destination}/replay-failed", "/api/v1/replay-jobs/any/cancel",
        ];

        foreach (var (method, path) in reads.Select(p => (Get, p)).Concat(changes.Select(p => (Post, p))))
        {
            using var anonymous = await host.SendAsync(method, path, null);
            Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} anonymous: {(int)anonymous.StatusCode}");
            Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
            using var forged = await host.SendAsync(method, path, "wms_not-a-session");
            Assert.True(forged.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} forged token: {(int)forged.StatusCode}");
        }

        foreach (var path in reads)
        {
            using var read = await host.SendAsync(Get, path, host.Viewer);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"GET {path} as viewer: {(int)read.StatusCode}");
        }

        foreach (var path in changes)
        {
            using var change = await host.SendAsync(Post, path, host.Viewer);
            Assert.True(change.StatusCode == HttpStatusCode.Forbidden, $"POST {path} as viewer: {(int)change.StatusCode}");
            Assert.Contains("viewer", (await change.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        // Nothing changed: the delivery was not replayed, the destination neither disabled nor given a second secret.
        var delivery = await host.GetAsync($"/api/v1/deliveries/{deliveryId}");
        Assert.Equal(("success", 1), (delivery.GetProperty("delivery").GetProperty("status").GetString(), delivery.GetProperty("delivery").GetProperty("attempts").GetInt32()));
        var stored = await host.Destinations.GetAsync(destination, CancellationToken.None);
        Assert.True(stored!.IsActive);
        Assert.Single(stored.Secrets);
        Assert.Single(host.Receiver.Requests);
    }

    [Fact]
    public async Task Event_detail_redacts_credentials_links_its_run_and_delivery_and_an_operator_replays_the_failed_delivery()
    {
        await using var host = await ManagementHost.StartAsync();
        host.Receiver.Reply = (_, _) => new Reply(503);
        var destination = await SubscribeAsync(host);
        const string body = """{"order":42,"note":"caf\u00e9"}""";
        var (requestId, eventId, runId) = await host.PostAsync(
            body, ("X-Hub-Signature-256", "sha256=0123abcd"), ("Cookie", "session=s3cr3t"), ("X-Trace", "trace-7"));

        var detail = await host.WaitForAsync(
            $"/api/v1/events/{eventId}",
            e => e.GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("status").GetString() == "failed")
                && e.GetProperty("runs").EnumerateArray().All(r => r.GetProperty("status").GetString() == "succeeded"),
            "the run finished and the delivery failed");

        Assert.Equal((eventId, requestId, ManagementHost.Hook), (detail.GetProperty("id").GetString(), detail.GetProperty("requestId").GetString(), detail.GetProperty("hook").GetString()));
        Assert.Equal(body, detail.GetProperty("body").GetString());
        Assert.Equal(body, System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(detail.GetProperty("bodyBase64").GetString()!)));
        var headers = detail.GetProperty("headers");
        Assert.Equal("[redacted]", Header(headers, "X-Hub-Signature-256"));
        Assert.Equal("[redacted]", Header(headers, "Cookie"));
        Assert.Equal("[redacted]", Header(headers, "X-API-Key"));
        Assert.Equal("trace-7", Header(headers, "X-Trace"));
        Assert.DoesNotContain("0123abcd", detail.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", detail.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Deployments.ApiKey, detail.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(runId, Assert.Single(detail.GetProperty("runs").EnumerateArray()).GetProperty("id").GetString());
        var deliveryId = Assert.Single(detail.GetProperty("deliveries").EnumerateArray()).GetProperty("id").GetString()!;

        var run = await host.GetAsync($"/api/v1/runs/{runId}");
        Assert.Equal("succeeded", run.GetProperty("run").GetProperty("status").GetString());
        Assert.Contains("handled", run.GetProperty("output").GetString(), StringComparison.Ordinal);
        Assert.True(run.GetProperty("run").GetProperty("durationMs").GetInt64() >= 0);
        Assert.Equal(42, run.GetProperty("input").GetProperty("order").GetInt32());

        var failed = await host.GetAsync($"/api/v1/deliveries/{deliveryId}");
        var attempt = Assert.Single(failed.GetProperty("attemptList").EnumerateArray());
        Assert.Equal(503, attempt.GetProperty("statusCode").GetInt32());
        Assert.True(attempt.GetProperty("durationMs").GetInt64() >= 0);
        var failing = await host.GetAsync($"/api/v1/destinations/{destination}");
        Assert.Equal("failing", failing.GetProperty("health").GetString());
        Assert.Equal(JsonValueKind.Null, failing.GetProperty("lastSuccessAt").ValueKind);

        host.Receiver.Reply = (_, _) => new Reply(200);
        using (var replay = await host.SendAsync(Post, $"/api/v1/deliveries/{deliveryId}/replay", host.Operator))
        {
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
            Assert.Equal("pending", JsonDocument.Parse(await replay.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        }

        var replayed = await host.WaitForAsync(
            $"/api/v1/deliveries/{deliveryId}", d => d.GetProperty("delivery").GetProperty("status").GetString() == "success", "the replay succeeded");
        Assert.Equal([503, 200], replayed.GetProperty("attemptList").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
        var healthy = await host.GetAsync($"/api/v1/destinations/{destination}");
        Assert.Equal(("healthy", "closed"), (healthy.GetProperty("health").GetString(), healthy.GetProperty("circuit").GetString()));
        Assert.NotEqual(JsonValueKind.Null, healthy.GetProperty("lastSuccessAt").ValueKind);

        using (var missing = await host.SendAsync(Post, "/api/v1/deliveries/no-such-delivery/replay", host.Operator))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
    }

    [Fact]
    public async Task An_operator_disables_enables_and_rotates_a_destination()
    {
        await using var host = await ManagementHost.StartAsync();
        var destination = await SubscribeAsync(host);

        using var disabled = await host.SendAsync(Post, $"/api/v1/destinations/{destination}/disable", host.Operator);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.False(JsonDocument.Parse(await disabled.Content.ReadAsStringAsync()).RootElement.GetProperty("enabled").GetBoolean());
        Assert.False((await host.Destinations.GetAsync(destination, CancellationToken.None))!.IsActive);
        Assert.Equal("disabled", (await host.GetAsync($"/api/v1/destinations/{destination}")).GetProperty("health").GetString());

        using var enabled = await host.SendAsync(Post, $"/api/v1/destinations/{destination}/enable", host.Operator);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.True((await host.Destinations.GetAsync(destination, CancellationToken.None))!.IsActive);

        using var rotated = await host.SendAsync(Post, $"/api/v1/destinations/{destination}/rotate-secret", host.Operator, new { graceHours = 2 });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var secret = JsonDocument.Parse(await rotated.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrEmpty(secret.GetProperty("secret").GetString()));
        Assert.InRange(secret.GetProperty("previousSecretValidUntil").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddHours(1.9), DateTimeOffset.UtcNow.AddHours(2.1));
        Assert.Equal(2, (await host.GetAsync($"/api/v1/destinations/{destination}")).GetProperty("secretCount").GetInt32());
        Assert.DoesNotContain(secret.GetProperty("secret").GetString()!, (await host.GetAsync("/api/v1/destinations")).GetRawText(), StringComparison.Ordinal);

        using var badGrace = await host.SendAsync(Post, $"/api/v1/destinations/{destination}/rotate-secret", host.Operator, new { graceHours = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, badGrace.StatusCode);
        Assert.Contains("graceHours", await badGrace.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await host.SendAsync(Post, "/api/v1/destinations/no-such/disable", host.Operator);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Lists_filter_and_page_by_cursor_through_the_next_link_and_bad_parameters_are_named()
    {
        await using var host = await ManagementHost.StartAsync();
        var posted = new List<(string RequestId, string EventId, string RunId)>();
        for (var i = 0; i < 5; i++)
        {
            posted.Add(await host.PostAsync($$"""{"n":{{i}}}"""));
        }

        // Each finished run publishes run.completed under the same hook and request id: wait for all five, so that the
        // lists below are stable, and filter by subject to see the requests alone.
        var runs = await host.WaitForAsync(
            $"/api/v1/runs?hook={ManagementHost.Hook}&status=succeeded", r => r.GetProperty("items").GetArrayLength() == 5, "every run succeeded");
        var receipts = $"subject=event.webhook.{ManagementHost.Hook}";
        var walked = new List<string>();
        var pages = 0;
        string? next = $"/api/v1/events?hook={ManagementHost.Hook}&{receipts}&limit=2";
        while (next is not null)
        {
            var page = await host.GetAsync(next);
            pages++;
            Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 2);
            walked.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            next = page.GetProperty("next").GetString();
            Assert.True(next is null || next.Contains($"hook={ManagementHost.Hook}", StringComparison.Ordinal), "the next link keeps the filters");
        }

        Assert.Equal(3, pages);
        Assert.Equal(posted.Select(p => p.EventId).Order(), walked.Order());
        var times = new List<DateTimeOffset>();
        foreach (var id in walked)
        {
            times.Add((await host.GetAsync($"/api/v1/events/{id}")).GetProperty("receivedAt").GetDateTimeOffset());
        }

        Assert.Equal(times.OrderDescending(), times); // newest first
        var byRequest = await host.GetAsync($"/api/v1/events?requestId={posted[3].RequestId}&{receipts}");
        Assert.Equal(posted[3].EventId, Assert.Single(byRequest.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var correlated = await host.GetAsync($"/api/v1/events?requestId={posted[3].RequestId}");
        Assert.Equal(
            [$"event.webhook.{ManagementHost.Hook}", "run.completed"],
            correlated.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("subject").GetString()).Order(StringComparer.Ordinal));
        Assert.Empty((await host.GetAsync("/api/v1/events?hook=another")).GetProperty("items").EnumerateArray());
        Assert.Empty((await host.GetAsync($"/api/v1/events?from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}")).GetProperty("items").EnumerateArray());
        Assert.Equal(5, (await host.GetAsync($"/api/v1/events?{receipts}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}")).GetProperty("items").GetArrayLength());

        Assert.Equal(posted.Select(p => p.RunId).Order(), runs.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()).Order());
        var oneRun = await host.GetAsync($"/api/v1/runs?requestId={posted[1].RequestId}");
        Assert.Equal(posted[1].RunId, Assert.Single(oneRun.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Empty((await host.GetAsync("/api/v1/runs?status=failed")).GetProperty("items").EnumerateArray());

        var hooks = await host.GetAsync("/api/v1/hooks");
        var orders = Assert.Single(hooks.EnumerateArray(), h => h.GetProperty("name").GetString() == ManagementHost.Hook);
        Assert.Equal((true, true, 10L, 5L, 0L), ( // five requests and their five run.completed events
            orders.GetProperty("configured").GetBoolean(), orders.GetProperty("enabled").GetBoolean(), orders.GetProperty("events").GetInt64(),
            orders.GetProperty("runs").GetInt64(), orders.GetProperty("failedRuns").GetInt64()));

        await AssertBadRequestAsync(host, "/api/v1/events?limit=0", "limit");
        await AssertBadRequestAsync(host, "/api/v1/events?limit=501", "limit");
        await AssertBadRequestAsync(host, "/api/v1/events?cursor=not-a-cursor", "cursor");
        await AssertBadRequestAsync(host, "/api/v1/events?from=yesterday", "from");
        await AssertBadRequestAsync(host, "/api/v1/runs?status=done", "status");
        await AssertBadRequestAsync(host, "/api/v1/deliveries?status=sent", "status");
        await AssertBadRequestAsync(host, "/api/v1/deliveries?eventId=42", "eventId");
        using var unknownEvent = await host.SendAsync(Get, $"/api/v1/events/{Guid.NewGuid()}", host.Viewer);
        Assert.Equal(HttpStatusCode.NotFound, unknownEvent.StatusCode);
    }

    [Fact]
    public async Task Every_management_route_is_in_the_api_document_with_a_typed_answer()
    {
        await using var host = await ManagementHost.StartAsync();
        var document = JsonDocument.Parse(await host.Host.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        (string Method, string Path, string Status)[] routes =
        [
            ("get", "/api/v1/events", "200"), ("get", "/api/v1/events/{id}", "200"), ("get", "/api/v1/runs", "200"), ("get", "/api/v1/runs/{id}", "200"),
            ("get", "/api/v1/deliveries", "200"), ("get", "/api/v1/deliveries/{id}", "200"), ("post", "/api/v1/deliveries/{id}/replay", "202"),
            ("get", "/api/v1/destinations", "200"), ("get", "/api/v1/destinations/{id}", "200"), ("post", "/api/v1/destinations/{id}/enable", "200"),
            ("post", "/api/v1/destinations/{id}/disable", "200"), ("post", "/api/v1/destinations/{id}/rotate-secret", "200"), ("get", "/api/v1/hooks", "200"),
            ("post", "/api/v1/destinations/{id}/replay-failed", "202"), ("get", "/api/v1/replay-jobs", "200"), ("get", "/api/v1/replay-jobs/{jobId}", "200"),
            ("post", "/api/v1/replay-jobs/{jobId}/cancel", "200"), ("get", "/api/v1/search", "200"),
        ];

        foreach (var (method, path, status) in routes)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            var schema = operation.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.True(schema.TryGetProperty("$ref", out _) || schema.TryGetProperty("type", out _), $"{method} {path}: {schema}");
            Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} documents 401");
            Assert.Equal(method == "post", operation.GetProperty("responses").TryGetProperty("403", out _));
        }
    }

    [Fact]
    public async Task Bulk_replay_sends_the_failed_deliveries_of_the_window_once_and_reports_its_progress()
    {
        await using var host = await ManagementHost.StartAsync();
        host.Receiver.Reply = (_, _) => new Reply(500);
        var destination = await SubscribeAsync(host);
        var early = await host.PostAsync("""{"n":0}""");
        await WaitForDeliveryAsync(host, early.EventId, "failed");
        var boundary = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromMilliseconds(20)); // the stored times have milliseconds: keep the window's edge clear of them
        var late = new[] { await host.PostAsync("""{"n":1}"""), await host.PostAsync("""{"n":2}""") };
        var lateDeliveries = new List<string>();
        foreach (var posted in late)
        {
            lateDeliveries.Add(await WaitForDeliveryAsync(host, posted.EventId, "failed"));
        }

        var earlyDelivery = await WaitForDeliveryAsync(host, early.EventId, "failed");
        host.Receiver.Reply = (_, _) => new Reply(200);
        var window = new { from = boundary };
        using (var viewer = await host.SendAsync(Post, $"/api/v1/destinations/{destination}/replay-failed", host.Viewer, window))
        {
            Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        }

        using var started = await host.SendAsync(Post, $"/api/v1/destinations/{destination}/replay-failed", host.Operator, window);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        Assert.StartsWith("/api/v1/replay-jobs/", location, StringComparison.Ordinal);

        var job = await host.WaitForAsync(location, j => j.GetProperty("status").GetString() != "running", "the job finished");
        Assert.Equal(("completed", 2, 2, 0), (
            job.GetProperty("status").GetString(), job.GetProperty("found").GetInt32(), job.GetProperty("replayed").GetInt32(), job.GetProperty("skipped").GetInt32()));
        foreach (var id in lateDeliveries)
        {
            var delivery = await host.WaitForAsync($"/api/v1/deliveries/{id}", d => d.GetProperty("delivery").GetProperty("status").GetString() == "success", "replayed");
            Assert.Equal(2, delivery.GetProperty("attemptList").GetArrayLength()); // once failed, once replayed: not twice
        }

        var untouched = await host.GetAsync($"/api/v1/deliveries/{earlyDelivery}");
        Assert.Equal(("failed", 1), (untouched.GetProperty("delivery").GetProperty("status").GetString(), untouched.GetProperty("attemptList").GetArrayLength()));
        Assert.Contains((await host.GetAsync("/api/v1/replay-jobs")).EnumerateArray(), j => location.EndsWith(j.GetProperty("id").GetString()!, StringComparison.Ordinal));

        // Cancelling a finished job changes nothing; unknown jobs and destinations are named.
        using var cancelled = await host.SendAsync(Post, location + "/cancel", host.Operator);
        Assert.Equal("completed", JsonDocument.Parse(await cancelled.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        using var noJob = await host.SendAsync(Get, "/api/v1/replay-jobs/none", host.Viewer);
        Assert.Equal(HttpStatusCode.NotFound, noJob.StatusCode);
        using var noDestination = await host.SendAsync(Post, "/api/v1/destinations/none/replay-failed", host.Operator);
        Assert.Equal(HttpStatusCode.NotFound, noDestination.StatusCode);
        using var badWindow = await host.SendAsync(Post, $"/api/v1/destinations/{destination}/replay-failed", host.Operator, new { from = boundary, to = boundary.AddHours(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, badWindow.StatusCode);
    }

    [Fact]
    public async Task Search_finds_by_event_request_run_and_delivery_id_and_by_payload_text()
    {
        await using var host = await ManagementHost.StartAsync();
        var destination = await SubscribeAsync(host);
        var (requestId, eventId, runId) = await host.PostAsync("""{"customer":"zebra-7731"}""");
        await host.PostAsync("""{"customer":"other"}""");
        var deliveryId = await WaitForDeliveryAsync(host, eventId, "success");

        // The request's event, and its run.completed event (whose payload carries the run's input): the same request id.
        var byText = await host.GetAsync("/api/v1/search?q=zebra-7731");
        Assert.Contains(eventId, byText.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.All(byText.GetProperty("events").EnumerateArray(), e => Assert.Equal(requestId, e.GetProperty("requestId").GetString()));
        Assert.True(byText.GetProperty("payloadSearched").GetBoolean());

        var byEvent = await host.GetAsync($"/api/v1/search?q={eventId}");
        Assert.Contains(eventId, byEvent.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()));

        var byRequest = await host.GetAsync($"/api/v1/search?q={requestId}");
        Assert.Contains(eventId, byRequest.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        Assert.Equal([runId], byRequest.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()));

        var byRun = await host.GetAsync($"/api/v1/search?q={runId}");
        Assert.Equal([runId], byRun.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()));

        var byDelivery = await host.GetAsync($"/api/v1/search?q={deliveryId}");
        var found = Assert.Single(byDelivery.GetProperty("deliveries").EnumerateArray());
        Assert.Equal((deliveryId, destination, eventId), (found.GetProperty("id").GetString(), found.GetProperty("destinationId").GetString(), found.GetProperty("eventId").GetString()));

        var nothing = await host.GetAsync("/api/v1/search?q=no-such-thing-anywhere");
        Assert.Equal((0, 0, 0), (nothing.GetProperty("events").GetArrayLength(), nothing.GetProperty("runs").GetArrayLength(), nothing.GetProperty("deliveries").GetArrayLength()));
        await AssertBadRequestAsync(host, "/api/v1/search?q=", "q must be");
        await AssertBadRequestAsync(host, "/api/v1/search?q=" + new string('x', 201), "q must be");
        using var anonymous = await host.SendAsync(Get, "/api/v1/search?q=zebra-7731", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<string> WaitForDeliveryAsync(ManagementHost host, string eventId, string status)
    {
        var detail = await host.WaitForAsync(
            $"/api/v1/events/{eventId}",
            e => e.GetProperty("deliveries").EnumerateArray().Any(d => d.GetProperty("status").GetString() == status),
            $"the delivery of event {eventId} is {status}");
        return detail.GetProperty("deliveries")[0].GetProperty("id").GetString()!;
    }

    private static async Task<string> SubscribeAsync(ManagementHost host)
    {
        var created = await host.Destinations.CreateAsync(
            new DestinationSpec("config", host.Receiver.Url.ToString(), [$"event.webhook.{ManagementHost.Hook}"]) { Retry = RetryPolicy.None },
            CancellationToken.None);
        return created.Destination.Id;
    }

    private static string Header(JsonElement headers, string name) =>
        headers.EnumerateObject().Single(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value[0].GetString()!;

    private static async Task AssertBadRequestAsync(ManagementHost host, string path, string named)
    {
        using var response = await host.SendAsync(Get, path, host.Viewer);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {path}: {(int)response.StatusCode} {text}");
        Assert.Contains(named, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
