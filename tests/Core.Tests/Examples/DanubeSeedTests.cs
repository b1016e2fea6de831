using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Examples.Danube;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// Danube's webhook documentation replayed against the real host executable running the shipped
/// <c>examples/danube</c> deployment: the documented request and answer, every validation error, and deliveries to a
/// receiver on loopback whose signatures are checked by code written from Danube's guide.
/// </summary>
public sealed partial class DanubeSeedTests : IAsyncLifetime
{
    private const string ApiKeyVariable = "DANUBE_SEED_API_KEY";
    private const string ApiKey = "danube-seed-api-key-5f0c1e9a7b";
    private const string ViewerPasswordVariable = "DANUBE_SEED_VIEWER_PASSWORD";
    private const string ViewerPassword = "danube-viewer-password-2Lm";

    private readonly TempFolder _folder = new();
    private string _config = null!;
    private HostProcess? _host;
    private DanubeClient _api = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_documented_request_answers_201_in_the_documented_shape()
    {
        var token = await StartAsync();

        // curl -X POST ".../v1/webhooks" -H "Authorization: Bearer YOUR_JWT_TOKEN" -H "Content-Type: application/json" -d '{...}'
        var created = await _api.SendAsync(HttpMethod.Post, "/v1/webhooks", token, DanubeExample.SeedRequestBody);

        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var body = created.Json;
        Assert.Equal(["id", "url", "events", "is_active", "description", "secret"], body.EnumerateObject().Select(p => p.Name));
        var id = body.GetProperty("id").GetString()!;
        Assert.True(Guid.TryParse(id, out _), id);
        Assert.Equal("https://example.com/webhooks/danube", body.GetProperty("url").GetString());
        Assert.Equal(["tool.execution.completed", "tool.execution.failed"], body.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(body.GetProperty("is_active").GetBoolean());
        Assert.Equal("Production monitoring", body.GetProperty("description").GetString());
        var secret = body.GetProperty("secret").GetString()!;
        Assert.Matches(SecretFormat(), secret);
        Assert.Equal("no-store", created.CacheControl);

        // Without a description it is null; each webhook has its own secret.
        var bare = await _api.SendAsync(HttpMethod.Post, "/v1/webhooks", token, """{"url":"https://example.com/other","events":["workflow.failed"]}""");
        Assert.Equal(HttpStatusCode.Created, bare.Status);
        Assert.Equal(JsonValueKind.Null, bare.Json.GetProperty("description").ValueKind);
        Assert.NotEqual(secret, bare.Json.GetProperty("secret").GetString());

        // The secret is only returned on creation.
        var list = await _api.SendAsync(HttpMethod.Get, "/v1/webhooks", token);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal([id, bare.Json.GetProperty("id").GetString()], list.Json.EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        var got = await _api.SendAsync(HttpMethod.Get, $"/v1/webhooks/{id}", token);
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal("Production monitoring", got.Json.GetProperty("description").GetString());
        Assert.True(got.Json.GetProperty("is_active").GetBoolean());
        Assert.False(got.Json.TryGetProperty("secret", out _));
        Assert.DoesNotContain(secret, list.Text + got.Text);

        // Only bearer tokens the deployment issued.
        foreach (var bad in new string?[] { null, "YOUR_JWT_TOKEN", token + "x" })
        {
            var refused = await _api.SendAsync(HttpMethod.Post, "/v1/webhooks", bad, DanubeExample.SeedRequestBody);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Equal("Bearer", refused.Challenge);
            Assert.True(refused.Json.TryGetProperty("error", out _), refused.ToString());
        }

        Assert.Equal(2, (await _api.SendAsync(HttpMethod.Get, "/v1/webhooks", token)).Json.GetArrayLength());
    }

    [Fact]
    public async Task Every_invalid_request_answers_400_naming_the_field()
    {
        var token = await StartAsync();
        var (id, _) = await _api.CreateAsync(token, "https://example.com/webhooks/danube", "workflow.failed");
        var longUrl = "https://example.com/" + new string('a', 2049 - "https://example.com/".Length);

        var cases = new (HttpMethod Method, string Path, string Body, string Field, string Message)[]
        {
            (HttpMethod.Post, "/v1/webhooks", "not json", "body", "not valid JSON"),
            (HttpMethod.Post, "/v1/webhooks", "", "body", "not valid JSON"),
            (HttpMethod.Post, "/v1/webhooks", """["https://example.com"]""", "body", "must be a JSON object"),
            (HttpMethod.Post, "/v1/webhooks", """{"events":["workflow.failed"]}""", "url", "url is required"),
            (HttpMethod.Post, "/v1/webhooks", """{"url":7,"events":["workflow.failed"]}""", "url", "url must be a string"),
            (HttpMethod.Post, "/v1/webhooks", """{"url":"example.com/hooks","events":["workflow.failed"]}""", "url", "url must be an absolute URL"),
            (HttpMethod.Post, "/v1/webhooks", """{"url":"ftp://example.com/hooks","events":["workflow.failed"]}""", "url", "url must start with https://"),
            (HttpMethod.Post, "/v1/webhooks", $$"""{"url":"{{longUrl}}","events":["workflow.failed"]}""", "url", "url must be at most 2048 characters"),
            (HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.com/hooks"}""", "events", "events is required"),
            (HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.com/hooks","events":"workflow.failed"}""", "events", "events must be an array"),
            (HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.com/hooks","events":[]}""", "events", "events must list at least one event type"),
            (HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.com/hooks","events":[1]}""", "events", "events[0] must be a string"),
            (HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.com/hooks","events":["workflow.started"]}""", "events",
                "'workflow.started' is not a known event type; valid event types: " + string.Join(", ", DanubeExample.EventTypes)),
            (HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.com/hooks","events":["workflow.failed","workflow.failed"]}""", "events", "more than once"),
            (HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.com/hooks","events":["workflow.failed"],"description":1}""", "description", "description must be a string"),
            (HttpMethod.Post, "/v1/webhooks", $$"""{"url":"https://example.com/hooks","events":["workflow.failed"],"description":"{{new string('d', 501)}}"}""", "description", "at most 500 characters"),
            (HttpMethod.Patch, $"/v1/webhooks/{id}", "{}", "body", "give at least one of url, events, description, is_active"),
            (HttpMethod.Patch, $"/v1/webhooks/{id}", """{"url":"mailto:ops@example.com"}""", "url", "url must"),
            (HttpMethod.Patch, $"/v1/webhooks/{id}", """{"events":["nope"]}""", "events", "'nope' is not a known event type"),
            (HttpMethod.Patch, $"/v1/webhooks/{id}", """{"description":[]}""", "description", "description must be a string"),
            (HttpMethod.Patch, $"/v1/webhooks/{id}", """{"is_active":"no"}""", "is_active", "is_active must be true or false"),
            (HttpMethod.Post, "/v1/events", "[]", "body", "must be a JSON object"),
            (HttpMethod.Post, "/v1/events", """{"data":{}}""", "event", "event is required"),
            (HttpMethod.Post, "/v1/events", """{"event":"order.paid","data":{}}""", "event", "'order.paid' is not a known event type"),
            (HttpMethod.Post, "/v1/events", """{"event":"workflow.failed"}""", "data", "data is required"),
            (HttpMethod.Post, "/v1/events", """{"event":"workflow.failed","data":"x"}""", "data", "data must be a JSON object"),
            (HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?limit=0", string.Empty, "limit", "limit must be a whole number from 1 to 100"),
            (HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?limit=101", string.Empty, "limit", "limit must be a whole number from 1 to 100"),
            (HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?limit=ten", string.Empty, "limit", "limit must be a whole number from 1 to 100"),
        };

        foreach (var (method, path, body, field, message) in cases)
        {
            var answer = await _api.SendAsync(method, path, token, method == HttpMethod.Get ? null : body);

            Assert.True(answer.Status == HttpStatusCode.BadRequest, $"{method} {path} {body}: {answer}");
            Assert.Equal(field, answer.Json.GetProperty("field").GetString());
            var error = answer.Json.GetProperty("error").GetString()!;
            Assert.Contains(message, error);
            Assert.Contains(field, error);
        }

        // Nothing was created or changed by any of them.
        var list = await _api.SendAsync(HttpMethod.Get, "/v1/webhooks", token);
        var only = Assert.Single(list.Json.EnumerateArray());
        Assert.Equal(["workflow.failed"], only.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(only.GetProperty("is_active").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries", token)).Status);

        // A body over 64 KiB is not read.
        var huge = await _api.SendAsync(HttpMethod.Post, "/v1/webhooks", token, $$"""{"url":"https://example.com/h","events":["workflow.failed"],"x":"{{new string('x', 70_000)}}"}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
    }

    [Fact]
    public async Task Unknown_ids_and_other_owners_destinations_answer_404()
    {
        var token = await StartAsync();
        var (id, _) = await _api.CreateAsync(token, "https://example.com/webhooks/danube", "workflow.failed");

        // A destination the operator made with the host's command: it is not a Danube webhook.
        var made = await HostCommand.RunAsync(_config, "destination", "create", "--url", "https://example.org/cli", "--events", "other.event");
        Assert.True(made.ExitCode == 0, made.Error + made.Output);
        var foreign = Regex.Match(made.Output, @"^id:\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;
        Assert.NotEqual(string.Empty, foreign);

        foreach (var missing in new[] { foreign, Guid.NewGuid().ToString(), "not-an-id" })
        {
            foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
            {
                (HttpMethod.Get, $"/v1/webhooks/{missing}", null),
                (HttpMethod.Patch, $"/v1/webhooks/{missing}", """{"is_active":false}"""),
                (HttpMethod.Delete, $"/v1/webhooks/{missing}", null),
                (HttpMethod.Post, $"/v1/webhooks/{missing}/rotate-secret", null),
                (HttpMethod.Get, $"/v1/webhooks/{missing}/deliveries", null),
                (HttpMethod.Post, $"/v1/webhooks/{missing}/deliveries/{Guid.NewGuid()}/replay", null),
            })
            {
                var answer = await _api.SendAsync(method, path, token, body);
                Assert.True(answer.Status == HttpStatusCode.NotFound, $"{method} {path}: {answer}");
                Assert.Contains(missing, answer.Json.GetProperty("error").GetString());
            }
        }

        var list = await _api.SendAsync(HttpMethod.Get, "/v1/webhooks", token);
        Assert.Equal([id], list.Json.EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        var unknownDelivery = await _api.SendAsync(HttpMethod.Post, $"/v1/webhooks/{id}/deliveries/{Guid.NewGuid()}/replay", token);
        Assert.Equal(HttpStatusCode.NotFound, unknownDelivery.Status);

        // The operator's destination is untouched: the PATCH and DELETE above did not reach it.
        var shown = await HostCommand.RunAsync(_config, "destination", "show", foreign);
        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Contains("active:      yes", shown.Output);
    }

    [Fact]
    public async Task A_subscriber_gets_signed_deliveries_through_rotation_replay_and_retry()
    {
        var token = await StartAsync();
        await using var receiver = await Receiver.StartAsync();
        receiver.Reply = (_, index) => new Reply(index == 3 ? 500 : 200);

        // The documented webhook (tool events, example.com) must not get the workflow events below.
        Assert.Equal(HttpStatusCode.Created, (await _api.SendAsync(HttpMethod.Post, "/v1/webhooks", token, DanubeExample.SeedRequestBody)).Status);
        var (id, secret) = await _api.CreateAsync(token, receiver.Url.ToString(), "workflow.completed", "workflow.failed");

        // Publish: one delivery, to the subscriber, in Danube's envelope, signed with its secret.
        const string data = """{"workflow_id":"wf_123","execution_id":"ex_456","status":"completed","duration_ms":5230}""";
        var first = Assert.Single(await _api.PublishAsync(token, "workflow.completed", data));
        var firstRequest = (await receiver.WaitForAsync(1))[0];
        Assert.Equal("POST", firstRequest.Method);
        Assert.Equal("/hook", firstRequest.Path);
        Assert.StartsWith("application/json", firstRequest.Header("Content-Type"));
        Assert.Equal(first, firstRequest.Header("X-Webhook-Delivery-Id"));
        var (timestamp, signatures) = DanubeSignature.Parse(firstRequest.Header("X-Danube-Signature")!);
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(2).ToUnixTimeSeconds());
        Assert.True(DanubeSignature.Verifies(secret, timestamp, firstRequest.Body, Assert.Single(signatures)));
        Assert.False(DanubeSignature.Verifies(secret, timestamp + 1, firstRequest.Body, signatures[0]));
        using (var envelope = JsonDocument.Parse(firstRequest.Body))
        {
            Assert.Equal(["event", "timestamp", "data"], envelope.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("workflow.completed", envelope.RootElement.GetProperty("event").GetString());
            var at = DateTimeOffset.Parse(envelope.RootElement.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture);
            Assert.EndsWith("Z", envelope.RootElement.GetProperty("timestamp").GetString());
            Assert.InRange(at, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(2));
            Assert.Equal(data, envelope.RootElement.GetProperty("data").GetRawText());
        }

        var delivered = await _api.WaitForDeliveryAsync(token, id, first, d => d.GetProperty("status").GetString() == "success");
        Assert.Equal(
            ["id", "event", "status", "response_status", "attempts", "created_at", "next_attempt_at", "last_error"],
            delivered.EnumerateObject().Select(p => p.Name));
        Assert.Equal("workflow.completed", delivered.GetProperty("event").GetString());
        Assert.Equal(200, delivered.GetProperty("response_status").GetInt32());
        Assert.Equal(1, delivered.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, delivered.GetProperty("next_attempt_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, delivered.GetProperty("last_error").ValueKind);

        // Rotate: the next delivery carries two signatures, the new secret's first, each verifying with one secret.
        var rotated = await _api.SendAsync(HttpMethod.Post, $"/v1/webhooks/{id}/rotate-secret", token);
        Assert.True(rotated.Status == HttpStatusCode.OK, rotated.ToString());
        Assert.Equal(["id", "secret"], rotated.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, rotated.Json.GetProperty("id").GetString());
        var newSecret = rotated.Json.GetProperty("secret").GetString()!;
        Assert.Matches(SecretFormat(), newSecret);
        Assert.NotEqual(secret, newSecret);
        Assert.Equal("no-store", rotated.CacheControl);
        var second = Assert.Single(await _api.PublishAsync(token, "workflow.failed", """{"workflow_id":"wf_123","error":"step 2 failed"}"""));
        var secondRequest = (await receiver.WaitForAsync(2))[1];
        Assert.Equal(second, secondRequest.Header("X-Webhook-Delivery-Id"));
        AssertSignedByBoth(secondRequest, newSecret, secret);

        // Replay the first delivery: the same id and body, freshly signed (by both secrets, within the grace period).
        var replay = await _api.SendAsync(HttpMethod.Post, $"/v1/webhooks/{id}/deliveries/{first}/replay", token);
        Assert.True(replay.Status == HttpStatusCode.Accepted, replay.ToString());
        Assert.Equal(first, replay.Json.GetProperty("id").GetString());
        Assert.Equal("pending", replay.Json.GetProperty("status").GetString());
        var replayed = (await receiver.WaitForAsync(3))[2];
        Assert.Equal(first, replayed.Header("X-Webhook-Delivery-Id"));
        Assert.Equal("2", replayed.Header("X-Webhook-Attempt"));
        Assert.Equal(firstRequest.Body, replayed.Body);
        AssertSignedByBoth(replayed, newSecret, secret);
        var again = await _api.WaitForDeliveryAsync(token, id, first, d => d.GetProperty("attempts").GetInt32() == 2 && d.GetProperty("status").GetString() == "success");
        Assert.Equal(200, again.GetProperty("response_status").GetInt32());

        // A 500 leaves the delivery pending, due again shortly; a pending delivery cannot be replayed; the retry succeeds.
        var third = Assert.Single(await _api.PublishAsync(token, "workflow.completed", """{"workflow_id":"wf_999"}"""));
        var failing = await _api.WaitForDeliveryAsync(token, id, third, d => d.GetProperty("attempts").GetInt32() == 1);
        Assert.Equal("pending", failing.GetProperty("status").GetString());
        Assert.Equal(500, failing.GetProperty("response_status").GetInt32());
        Assert.Contains("500", failing.GetProperty("last_error").GetString());
        var due = DateTimeOffset.Parse(failing.GetProperty("next_attempt_at").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(due, DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(10)); // the first retry: 5 s, with jitter
        var refused = await _api.SendAsync(HttpMethod.Post, $"/v1/webhooks/{id}/deliveries/{third}/replay", token);
        Assert.True(refused.Status == HttpStatusCode.Conflict, refused.ToString());
        Assert.Contains("pending", refused.Json.GetProperty("error").GetString());
        var retried = await _api.WaitForDeliveryAsync(token, id, third, d => d.GetProperty("status").GetString() == "success");
        Assert.Equal(2, retried.GetProperty("attempts").GetInt32());
        var retry = (await receiver.WaitForAsync(5))[4];
        Assert.Equal((third, "2"), (retry.Header("X-Webhook-Delivery-Id"), retry.Header("X-Webhook-Attempt")));

        // The list: newest first, limited.
        var limited = await _api.SendAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?limit=2", token);
        Assert.Equal([third, second], limited.Json.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(3, (await _api.SendAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries", token)).Json.GetArrayLength());

        // Disabled: events create no delivery for it; enabled again: they do.
        var off = await _api.SendAsync(HttpMethod.Patch, $"/v1/webhooks/{id}", token, """{"is_active":false}""");
        Assert.True(off.Status == HttpStatusCode.OK, off.ToString());
        Assert.False(off.Json.GetProperty("is_active").GetBoolean());
        Assert.Empty(await _api.PublishAsync(token, "workflow.completed", "{}"));
        var on = await _api.SendAsync(HttpMethod.Patch, $"/v1/webhooks/{id}", token, """{"is_active":true,"events":["workflow.failed"],"description":"changed"}""");
        Assert.True(on.Json.GetProperty("is_active").GetBoolean());
        Assert.Equal(["workflow.failed"], on.Json.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("changed", on.Json.GetProperty("description").GetString());
        Assert.Empty(await _api.PublishAsync(token, "workflow.completed", "{}"));
        var fourth = Assert.Single(await _api.PublishAsync(token, "workflow.failed", """{"n":4}"""));
        Assert.Equal(fourth, (await receiver.WaitForAsync(6))[5].Header("X-Webhook-Delivery-Id"));

        // Delete: gone, with its deliveries.
        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, $"/v1/webhooks/{id}", token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, $"/v1/webhooks/{id}", token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries", token)).Status);
        Assert.Empty(await _api.PublishAsync(token, "workflow.failed", "{}"));
        Assert.Equal(6, receiver.Requests.Count);
    }

    [Fact]
    public async Task Api_keys_open_every_route_and_roles_limit_sessions()
    {
        var config = DanubeExample.CopyTo(_folder, settings =>
        {
            settings["apiKeys"] = new System.Text.Json.Nodes.JsonArray($"env:{ApiKeyVariable}");
            settings["allowHttp"] = false;
        });
        var admin = await StartAsync(config, new Dictionary<string, string?>(DanubeExample.AdminEnvironment) { [ApiKeyVariable] = ApiKey });

        // With allowHttp off, as in production: https only.
        var http = await _api.SendAsync(HttpMethod.Post, "/v1/webhooks", ApiKey, """{"url":"http://example.com/h","events":["workflow.failed"]}""");
        Assert.Equal((HttpStatusCode.BadRequest, "url"), (http.Status, http.Json.GetProperty("field").GetString()));
        Assert.Equal("url must start with https://", http.Json.GetProperty("error").GetString());

        // The API key does everything.
        var created = await _api.SendAsync(HttpMethod.Post, "/v1/webhooks", ApiKey, DanubeExample.SeedRequestBody);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var id = created.Json.GetProperty("id").GetString()!;
        Assert.Single(await _api.PublishAsync(ApiKey, "tool.execution.completed", """{"tool_id":"t-1"}"""));
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Post, $"/v1/webhooks/{id}/rotate-secret", ApiKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries", ApiKey)).Status);

        // A near miss is no key, and sessions keep working beside keys.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.SendAsync(HttpMethod.Get, "/v1/webhooks", ApiKey[..^1])).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.SendAsync(HttpMethod.Get, "/v1/webhooks", ApiKey + "0")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, "/v1/webhooks", admin)).Status);

        // A viewer reads, but neither manages nor publishes.
        var user = await HostCommand.RunAsync(
            config,
            new Dictionary<string, string?> { [ViewerPasswordVariable] = ViewerPassword, [ApiKeyVariable] = ApiKey },
            "user", "create", "--username", "viewer", "--role", "viewer", "--password-env", ViewerPasswordVariable);
        Assert.True(user.ExitCode == 0, user.Error);
        var viewer = await _api.LoginAsync("viewer", ViewerPassword);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, "/v1/webhooks", viewer)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, $"/v1/webhooks/{id}", viewer)).Status);
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries", viewer)).Status);
        foreach (var (method, path, body) in new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Post, "/v1/webhooks", DanubeExample.SeedRequestBody),
            (HttpMethod.Patch, $"/v1/webhooks/{id}", """{"is_active":false}"""),
            (HttpMethod.Delete, $"/v1/webhooks/{id}", null),
            (HttpMethod.Post, $"/v1/webhooks/{id}/rotate-secret", null),
            (HttpMethod.Post, "/v1/events", """{"event":"workflow.failed","data":{}}"""),
        })
        {
            var answer = await _api.SendAsync(method, path, viewer, body);
            Assert.True(answer.Status == HttpStatusCode.Forbidden, $"{method} {path}: {answer}");
        }

        var still = await _api.SendAsync(HttpMethod.Get, $"/v1/webhooks/{id}", admin);
        Assert.True(still.Json.GetProperty("is_active").GetBoolean());
    }

    /// <summary>Starts the host on the example (or <paramref name="config"/>) and signs the admin in.</summary>
    private async Task<string> StartAsync(string? config = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        _config = config ?? DanubeExample.CopyTo(_folder);
        _host = HostProcess.Start(_config, environment: environment ?? DanubeExample.AdminEnvironment);
        await _host.WaitUntilReadyAsync();
        _api = new DanubeClient(_host.Client);
        return await _api.LoginAsync(DanubeExample.AdminUsername, DanubeExample.AdminPassword);
    }

    private static void AssertSignedByBoth(Received request, string newSecret, string oldSecret)
    {
        var (timestamp, signatures) = DanubeSignature.Parse(request.Header("X-Danube-Signature")!);
        Assert.Equal(2, signatures.Count);
        Assert.True(DanubeSignature.Verifies(newSecret, timestamp, request.Body, signatures[0]), "the first signature is the new secret's");
        Assert.False(DanubeSignature.Verifies(oldSecret, timestamp, request.Body, signatures[0]));
        Assert.True(DanubeSignature.Verifies(oldSecret, timestamp, request.Body, signatures[1]), "the second signature is the old secret's");
        Assert.False(DanubeSignature.Verifies(newSecret, timestamp, request.Body, signatures[1]));
    }

    [GeneratedRegex("^whsec_[0-9a-f]{48}$")]
    private static partial Regex SecretFormat();
}
