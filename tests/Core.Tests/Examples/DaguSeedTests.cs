using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// Dagu's webhook documentation, replayed request by request against the real host executable running the shipped
/// <c>examples/dagu</c> deployment, with the documented answers.
/// </summary>
public sealed class DaguSeedTests : IAsyncLifetime
{
    private const string ViewerPasswordVariable = "DAGU_SEED_VIEWER_PASSWORD";
    private const string ViewerPassword = "seed-viewer-password-3Kd";

    private readonly TempFolder _folder = new();
    private string _config = null!;
    private HostProcess _host = null!;
    private DaguApiClient _api = null!;

    public async Task InitializeAsync()
    {
        _config = DaguExample.CopyTo(_folder);
        _host = HostProcess.Start(_config, environment: DaguExample.AdminEnvironment);
        await _host.WaitUntilReadyAsync();
        _api = new DaguApiClient(_host.Client);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_documented_walk_through_gives_the_documented_answers()
    {
        // TOKEN=$(curl -s -X POST .../api/v1/auth/login -d '{"username":...,"password":...}' | jq -r '.token')
        var session = await _api.LoginAsync(DaguExample.AdminUsername, DaguExample.AdminPassword);
        var adminId = (await _api.SendAsync(HttpMethod.Post, "/api/v1/auth/login", json: JsonSerializer.Serialize(new
        {
            username = DaguExample.AdminUsername,
            password = DaguExample.AdminPassword,
        }))).Json.GetProperty("user").GetProperty("id").GetString();

        // Create a webhook: 201 with the webhook and the token, shown this once.
        var created = await _api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook", session);
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var token = created.Json.GetProperty("token").GetString()!;
        var webhook = created.Json.GetProperty("webhook");
        Assert.StartsWith("dagu_wh_", token);
        Assert.InRange(token.Length, "dagu_wh_".Length + 43, "dagu_wh_".Length + 44); // base58 of 32 bytes
        Assert.True(Guid.TryParse(webhook.GetProperty("id").GetString(), out _));
        Assert.Equal("my-dag", webhook.GetProperty("dagName").GetString());
        Assert.Equal(token[..12], webhook.GetProperty("tokenPrefix").GetString());
        Assert.True(webhook.GetProperty("enabled").GetBoolean());
        Assert.EndsWith("Z", webhook.GetProperty("createdAt").GetString());
        Assert.EndsWith("Z", webhook.GetProperty("updatedAt").GetString());
        Assert.Equal(adminId, webhook.GetProperty("createdBy").GetString());
        Assert.False(webhook.TryGetProperty("lastUsedAt", out _));

        // One webhook per DAG; a DAG that does not exist has none.
        Assert.Equal("already_exists", (await _api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook", session)).Code);
        var noDag = await _api.SendAsync(HttpMethod.Post, "/api/v1/dags/no-such-dag/webhook", session);
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (noDag.Status, noDag.Code));

        // Trigger: 200 {"dagRunId","dagName"} with a new UUIDv7; without a body the payload is {}.
        var bare = await _api.TriggerAsync(token);
        Assert.True(bare.Status == HttpStatusCode.OK, bare.ToString());
        Assert.Equal("my-dag", bare.Json.GetProperty("dagName").GetString());
        var bareRunId = bare.Json.GetProperty("dagRunId").GetString()!;
        Assert.Equal(7, Guid.Parse(bareRunId).Version);
        var bareRun = await _api.WaitForRunAsync(session, bareRunId);
        Assert.Equal("succeeded", bareRun.GetProperty("status").GetString());
        Assert.Equal("{}\nnull\n", bareRun.GetProperty("steps")[0].GetProperty("output").GetString());

        // Trigger with payload: WEBHOOK_PAYLOAD is the payload field, and the step prints its branch.
        var withPayload = await _api.TriggerAsync(token, """{"payload":{"branch":"main","commit":"abc123"}}""");
        Assert.True(withPayload.Status == HttpStatusCode.OK, withPayload.ToString());
        var run = await _api.WaitForRunAsync(session, withPayload.Json.GetProperty("dagRunId").GetString()!);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.NotNull(run.GetProperty("startedAt").GetString());
        Assert.NotNull(run.GetProperty("finishedAt").GetString());
        var step = Assert.Single(run.GetProperty("steps").EnumerateArray());
        Assert.Equal(("inspect_webhook", "succeeded", 0), (step.GetProperty("id").GetString(), step.GetProperty("status").GetString(), step.GetProperty("exitCode").GetInt32()));
        var lines = step.GetProperty("output").GetString()!.Split('\n');
        Assert.Equal("main", lines[^2]); // jq -r '.branch'
        Assert.Contains("\"commit\": \"abc123\"", step.GetProperty("output").GetString()); // jq .

        // A raw JSON body without a payload field is the payload as a whole.
        var raw = await _api.TriggerAsync(token, """{"branch":"raw"}""");
        var rawRun = await _api.WaitForRunAsync(session, raw.Json.GetProperty("dagRunId").GetString()!);
        Assert.EndsWith("raw\n", rawRun.GetProperty("steps")[0].GetProperty("output").GetString());

        // The wrapper form names the run; the same dagRunId again is 409.
        const string wrapper = """{"dagRunId":"deploy-abc123","payload":{"branch":"main","commit":"abc123"}}""";
        var named = await _api.TriggerAsync(token, wrapper);
        Assert.True(named.Status == HttpStatusCode.OK, named.ToString());
        Assert.Equal("deploy-abc123", named.Json.GetProperty("dagRunId").GetString());
        var namedRun = await _api.WaitForRunAsync(session, "deploy-abc123");
        Assert.Equal("deploy-abc123", namedRun.GetProperty("dagRunId").GetString());
        Assert.DoesNotContain("dagRunId", namedRun.GetProperty("steps")[0].GetProperty("output").GetString());
        var reused = await _api.TriggerAsync(token, wrapper);
        Assert.Equal((HttpStatusCode.Conflict, "already_exists"), (reused.Status, reused.Code));
        Assert.Equal("dag-run 'deploy-abc123' already exists for DAG 'my-dag'", reused.Json.GetProperty("message").GetString());
        var badId = await _api.TriggerAsync(token, """{"dagRunId":"not ok!","payload":{}}""");
        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (badId.Status, badId.Code));

        // List and get: the token is never shown again.
        var list = await _api.SendAsync(HttpMethod.Get, "/api/v1/webhooks", session);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var listed = Assert.Single(list.Json.GetProperty("webhooks").EnumerateArray());
        Assert.Equal("my-dag", listed.GetProperty("dagName").GetString());
        var got = await _api.SendAsync(HttpMethod.Get, "/api/v1/dags/my-dag/webhook", session);
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal(webhook.GetProperty("id").GetString(), got.Json.GetProperty("id").GetString());
        Assert.DoesNotContain(token, list.Text + got.Text);
        await WaitForLastUsedAtAsync(session);

        // Recent runs.
        var runs = await _api.SendAsync(HttpMethod.Get, "/api/v1/dag-runs/my-dag", session);
        Assert.Equal(HttpStatusCode.OK, runs.Status);
        Assert.Contains("deploy-abc123", runs.Json.GetProperty("dagRuns").EnumerateArray().Select(r => r.GetProperty("dagRunId").GetString()));

        // Rotate: the old token stops working at once.
        var regenerated = await _api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/regenerate", session);
        Assert.Equal(HttpStatusCode.OK, regenerated.Status);
        var newToken = regenerated.Json.GetProperty("token").GetString()!;
        Assert.NotEqual(token, newToken);
        Assert.Equal(newToken[..12], regenerated.Json.GetProperty("webhook").GetProperty("tokenPrefix").GetString());
        var old = await _api.TriggerAsync(token);
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (old.Status, old.Code));
        Assert.Equal("Bearer", old.Challenge);
        Assert.Equal(HttpStatusCode.OK, (await _api.TriggerAsync(newToken)).Status);

        // Disable: 403; "enabled" is required; enable again: 200.
        var off = await _api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/toggle", session, """{"enabled":false}""");
        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.False(off.Json.GetProperty("enabled").GetBoolean());
        var disabled = await _api.TriggerAsync(newToken);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (disabled.Status, disabled.Code));
        var noEnabled = await _api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/toggle", session, "{}");
        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), (noEnabled.Status, noEnabled.Code));
        var on = await _api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/toggle", session, """{"enabled":true}""");
        Assert.True(on.Json.GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await _api.TriggerAsync(newToken)).Status);

        // Over 1048576 bytes: 413, whether the length is declared or the body is chunked.
        var declared = await _api.TriggerAsync(newToken, $$"""{"payload":"{{new string('x', 1048576)}}"}""");
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "payload_too_large"), (declared.Status, declared.Code));
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/my-dag")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 1048577)))),
        };
        chunked.Headers.Authorization = new("Bearer", newToken);
        chunked.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await _api.SendAsync(chunked)).Status);

        // Tokens stay in their lane: no token, a session on the trigger, a webhook token on management.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.SendAsync(HttpMethod.Post, "/api/v1/webhooks/my-dag")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.TriggerAsync(session)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.SendAsync(HttpMethod.Get, "/api/v1/webhooks")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.SendAsync(HttpMethod.Get, "/api/v1/webhooks", newToken)).Status);

        // Delete: 204, then the trigger and the webhook are gone.
        Assert.Equal(HttpStatusCode.NoContent, (await _api.SendAsync(HttpMethod.Delete, "/api/v1/dags/my-dag/webhook", session)).Status);
        var deleted = await _api.TriggerAsync(newToken);
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (deleted.Status, deleted.Code));
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Get, "/api/v1/dags/my-dag/webhook", session)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Delete, "/api/v1/dags/my-dag/webhook", session)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/regenerate", session)).Status);

        // Past runs stay readable.
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, "/api/v1/dag-runs/my-dag/deploy-abc123", session)).Status);

        // A new webhook for the DAG starts afresh.
        var again = await _api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook", session);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.NotEqual(webhook.GetProperty("id").GetString(), again.Json.GetProperty("webhook").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.TriggerAsync(newToken)).Status);
    }

    [Fact]
    public async Task A_viewer_may_read_runs_but_not_manage_webhooks()
    {
        var created = await HostCommand.RunAsync(
            _config,
            new Dictionary<string, string?> { [ViewerPasswordVariable] = ViewerPassword },
            "user", "create", "--username", "viewer", "--role", "viewer", "--password-env", ViewerPasswordVariable);
        Assert.True(created.ExitCode == 0, created.Error);
        var admin = await _api.LoginAsync(DaguExample.AdminUsername, DaguExample.AdminPassword);
        var viewer = await _api.LoginAsync("viewer", ViewerPassword);

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, "/api/v1/dags/my-dag/webhook"),
            (HttpMethod.Get, "/api/v1/webhooks"),
            (HttpMethod.Get, "/api/v1/dags/my-dag/webhook"),
            (HttpMethod.Post, "/api/v1/dags/my-dag/webhook/regenerate"),
            (HttpMethod.Delete, "/api/v1/dags/my-dag/webhook"),
        })
        {
            var answer = await _api.SendAsync(method, path, viewer);
            Assert.True(answer.Status == HttpStatusCode.Forbidden && answer.Code == "forbidden", $"{method} {path}: {answer}");
        }

        var toggle = await _api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/toggle", viewer, """{"enabled":false}""");
        Assert.Equal(HttpStatusCode.Forbidden, toggle.Status);

        var token = (await _api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook", admin)).Json.GetProperty("token").GetString()!;
        var runId = (await _api.TriggerAsync(token, """{"payload":{"branch":"main"}}""")).Json.GetProperty("dagRunId").GetString()!;
        var run = await _api.WaitForRunAsync(viewer, runId);
        Assert.Equal("succeeded", run.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _api.SendAsync(HttpMethod.Get, "/api/v1/dag-runs/my-dag", viewer)).Status);
    }

    private async Task WaitForLastUsedAtAsync(string session)
    {
        // Recorded off the request path (at most once a minute), so it may trail the trigger by a moment.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var got = await _api.SendAsync(HttpMethod.Get, "/api/v1/dags/my-dag/webhook", session);
            if (got.Json.TryGetProperty("lastUsedAt", out var lastUsedAt))
            {
                Assert.EndsWith("Z", lastUsedAt.GetString());
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "lastUsedAt was never recorded: " + got);
            await Task.Delay(100);
        }
    }
}
