using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>The Dagu surface in deployments other than the walk-through's: without builtin auth, and across restarts.</summary>
public sealed class DaguDeploymentTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task Without_builtin_auth_management_is_401_and_the_trigger_is_404()
    {
        _folder.Write("dags/my-dag.yaml", "steps: [ { id: a, command: 'true' } ]");
        var config = _folder.Write("plugins.json", JsonSerializer.Serialize(new
        {
            plugins = new object[]
            {
                new { name = "Storage.Sqlite", settings = new { path = "data/dagu.db" } },
                new { name = "Auth.Bearer", settings = new { prefix = "dagu_wh_" } },
                new { name = "Actions.Command" },
                new { name = "Surfaces.Dagu", settings = new { dagsDirectory = "dags" } },
            },
        }));
        await using var host = await LoopbackHost.StartAsync(config);
        var api = new DaguApiClient(host.Client);

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Post, "/api/v1/dags/my-dag/webhook"),
            (HttpMethod.Get, "/api/v1/webhooks"),
            (HttpMethod.Get, "/api/v1/dags/my-dag/webhook"),
            (HttpMethod.Post, "/api/v1/dags/my-dag/webhook/regenerate"),
            (HttpMethod.Delete, "/api/v1/dags/my-dag/webhook"),
            (HttpMethod.Get, "/api/v1/dag-runs/my-dag"),
        })
        {
            var answer = await api.SendAsync(method, path, "dagu_wh_anything");
            Assert.True(answer.Status == HttpStatusCode.Unauthorized && answer.Code == "unauthorized", $"{method} {path}: {answer}");
        }

        var trigger = await api.TriggerAsync("dagu_wh_anything", """{"payload":{}}""");
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (trigger.Status, trigger.Code));
    }

    [Fact]
    public async Task A_webhook_keeps_its_id_creator_token_and_state_across_restarts()
    {
        var config = DaguExample.CopyTo(_folder);
        string id, createdBy, token;
        await using (var first = await StartAsync(config))
        {
            var api = new DaguApiClient(first.Client);
            var session = await api.LoginAsync(DaguExample.AdminUsername, DaguExample.AdminPassword);
            var created = await api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook", session);
            id = created.Json.GetProperty("webhook").GetProperty("id").GetString()!;
            createdBy = created.Json.GetProperty("webhook").GetProperty("createdBy").GetString()!;
            token = created.Json.GetProperty("token").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/toggle", session, """{"enabled":false}""")).Status);
        }

        // Twice: the host rewrites its own record of every served hook at each start, which must not touch the webhook's.
        for (var restart = 1; restart <= 2; restart++)
        {
            await using var host = await StartAsync(config);
            var api = new DaguApiClient(host.Client);
            var session = await api.LoginAsync(DaguExample.AdminUsername, DaguExample.AdminPassword);

            var webhook = (await api.SendAsync(HttpMethod.Get, "/api/v1/dags/my-dag/webhook", session)).Json;
            Assert.Equal(id, webhook.GetProperty("id").GetString());
            Assert.Equal(createdBy, webhook.GetProperty("createdBy").GetString());
            Assert.False(webhook.GetProperty("enabled").GetBoolean());
            Assert.Equal(token[..12], webhook.GetProperty("tokenPrefix").GetString());
            Assert.Equal(HttpStatusCode.Forbidden, (await api.TriggerAsync(token)).Status);
        }

        await using (var last = await StartAsync(config))
        {
            var api = new DaguApiClient(last.Client);
            var session = await api.LoginAsync(DaguExample.AdminUsername, DaguExample.AdminPassword);
            Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook/toggle", session, """{"enabled":true}""")).Status);
            var triggered = await api.TriggerAsync(token, """{"payload":{"branch":"main"}}""");
            Assert.Equal(HttpStatusCode.OK, triggered.Status);
            var run = await api.WaitForRunAsync(session, triggered.Json.GetProperty("dagRunId").GetString()!);
            Assert.EndsWith("main\n", run.GetProperty("steps")[0].GetProperty("output").GetString());
        }
    }

    [Fact]
    public async Task A_run_queued_before_a_restart_runs_after_it()
    {
        // The first host only accepts (its run worker is off), so the run is still queued when it stops; the next
        // host's worker claims it at start, which needs the DAG's hook to be served again by then.
        var config = DaguExample.CopyTo(_folder);
        var document = JsonNode.Parse(File.ReadAllText(config), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        document["runs"] = new JsonObject { ["enabled"] = false };
        var acceptOnly = _folder.Write("accept-only.json", document.ToJsonString());

        string dagRunId;
        await using (var first = await StartAsync(acceptOnly))
        {
            var api = new DaguApiClient(first.Client);
            var session = await api.LoginAsync(DaguExample.AdminUsername, DaguExample.AdminPassword);
            var token = (await api.SendAsync(HttpMethod.Post, "/api/v1/dags/my-dag/webhook", session)).Json.GetProperty("token").GetString()!;
            var triggered = await api.TriggerAsync(token, """{"dagRunId":"before-restart","payload":{"branch":"queued"}}""");
            Assert.Equal(HttpStatusCode.OK, triggered.Status);
            dagRunId = triggered.Json.GetProperty("dagRunId").GetString()!;
            var queued = await api.SendAsync(HttpMethod.Get, $"/api/v1/dag-runs/my-dag/{dagRunId}", session);
            Assert.Equal("queued", queued.Json.GetProperty("status").GetString());
            Assert.Empty(queued.Json.GetProperty("steps").EnumerateArray());
        }

        await using var second = await StartAsync(config);
        var again = new DaguApiClient(second.Client);
        var run = await again.WaitForRunAsync(await again.LoginAsync(DaguExample.AdminUsername, DaguExample.AdminPassword), dagRunId);
        Assert.True(run.GetProperty("status").GetString() == "succeeded", run.ToString());
        Assert.EndsWith("queued\n", run.GetProperty("steps")[0].GetProperty("output").GetString());
    }

    private static async Task<HostProcess> StartAsync(string config)
    {
        var host = HostProcess.Start(config, environment: DaguExample.AdminEnvironment);
        await host.WaitUntilReadyAsync();
        return host;
    }
}
