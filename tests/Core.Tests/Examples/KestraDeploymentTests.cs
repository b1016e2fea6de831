using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>The Kestra surface beyond the documented walk-through: flows the host refuses, disabled flows, limits, restarts.</summary>
public sealed class KestraDeploymentTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_key_over_256_characters_keeps_the_host_from_starting_with_one_line_naming_the_flow_and_the_key()
    {
        var config = KestraExample.CopyTo(_folder);
        var key = new string('k', 257);
        var flow = _folder.Write("flows/long_key.yml", $"""
            id: long_key
            namespace: company.team
            tasks:
              - id: log
                type: io.kestra.plugin.core.log.Log
                message: never
            triggers:
              - id: webhook
                type: io.kestra.plugin.core.trigger.Webhook
                key: {key}
            """);

        var (exitCode, error) = await RunUntilExitAsync(config);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            $"error: {flow}: flow 'company.team.long_key' trigger 'webhook': 'triggers:0:key': is 257 characters long; at most 256 are allowed",
            line.TrimEnd('\r'));
        Assert.DoesNotContain(key, error);
    }

    [Fact]
    public async Task A_condition_that_does_not_parse_keeps_the_host_from_starting_naming_the_flow_and_the_trigger()
    {
        var config = KestraExample.CopyTo(_folder);
        var flow = _folder.File("flows/condition_based_webhook_flow.yml");
        File.WriteAllText(flow, File.ReadAllText(flow).Replace("trigger.body.hello == 'world'", "trigger.body.hello ==", StringComparison.Ordinal));

        var (exitCode, error) = await RunUntilExitAsync(config);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(
            $"error: {flow}: flow 'company.team.condition_based_webhook_flow' trigger 'webhook': 'triggers:0:conditions:0:expression': column ",
            line);
        Assert.EndsWith("expected a value after '==', found the end of the expression", line.TrimEnd('\r'));
    }

    [Fact]
    public async Task A_condition_whose_plugin_is_not_in_the_deployment_keeps_the_host_from_starting_naming_the_flow_and_the_trigger()
    {
        var config = KestraExample.CopyTo(_folder);
        var document = Configuration(config);
        var plugins = document["plugins"]!.AsArray();
        plugins.Remove(plugins.Single(p => (string?)p!["name"] == "Conditions.Expression"));
        File.WriteAllText(config, document.ToJsonString());

        var (exitCode, error) = await RunUntilExitAsync(config);

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(
            $"error: {_folder.File("flows/condition_based_webhook_flow.yml")}: flow 'company.team.condition_based_webhook_flow' trigger 'webhook': "
            + "'triggers:0:conditions:0:type': unknown condition type 'io.kestra.plugin.core.condition.ExpressionCondition'",
            line);
    }

    [Fact]
    public async Task A_disabled_flow_answers_409_to_its_key_and_404_to_any_other()
    {
        var config = KestraExample.CopyTo(_folder);
        var flow = _folder.File("flows/webhook_flow.yml");
        File.WriteAllText(flow, File.ReadAllText(flow) + "disabled: true\n");
        await using var host = await LoopbackHost.StartAsync(config);
        var kestra = new KestraClient(host.Client);

        var disabled = await kestra.SendAsync(HttpMethod.Post, $"{KestraExample.Webhooks}/webhook_flow/{KestraExample.Key}", "{}");
        var wrongKey = await kestra.SendAsync(HttpMethod.Post, $"{KestraExample.Webhooks}/webhook_flow/wrong", "{}");
        var other = await kestra.SendAsync(HttpMethod.Post, $"{KestraExample.Webhooks}/condition_based_webhook_flow/{KestraExample.Key}", """{"hello":"world"}""");

        Assert.Equal((HttpStatusCode.Conflict, "Conflict: Cannot execute disabled flow"), (disabled.Status, disabled.Message));
        Assert.Equal((HttpStatusCode.NotFound, "Not Found: Webhook not found"), (wrongKey.Status, wrongKey.Message));
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var config = KestraExample.CopyTo(_folder);
        var document = Configuration(config);
        document["plugins"]!.AsArray().Single(p => (string?)p!["name"] == "Surfaces.Kestra")!["settings"]!["maxBodyBytes"] = 64;
        File.WriteAllText(config, document.ToJsonString());
        await using var host = await LoopbackHost.StartAsync(config);
        var kestra = new KestraClient(host.Client);

        var tooLarge = await kestra.SendAsync(HttpMethod.Post, $"{KestraExample.Webhooks}/webhook_flow/{KestraExample.Key}", $$"""{"x":"{{new string('x', 64)}}"}""");
        var small = await kestra.SendAsync(HttpMethod.Post, $"{KestraExample.Webhooks}/webhook_flow/{KestraExample.Key}", """{"x":1}""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.Status);
        Assert.StartsWith("Payload Too Large: ", tooLarge.Message);
        Assert.Equal(HttpStatusCode.OK, small.Status);
    }

    [Fact]
    public async Task An_execution_queued_before_a_restart_runs_after_it()
    {
        // The first host only accepts (its run worker is off); the next one's worker claims the run at start, which
        // needs the flow's hook to be registered by then.
        var config = KestraExample.CopyTo(_folder);
        var document = Configuration(config);
        document["runs"] = new JsonObject { ["enabled"] = false };
        var acceptOnly = _folder.Write("accept-only.json", document.ToJsonString());

        string id;
        await using (var first = await LoopbackHost.StartAsync(acceptOnly))
        {
            var kestra = new KestraClient(first.Client);
            id = (await kestra.SendAsync(HttpMethod.Post, $"{KestraExample.Webhooks}/webhook_flow/{KestraExample.Key}", "{}")).Json.GetProperty("id").GetString()!;
            var queued = await kestra.SendAsync(HttpMethod.Get, $"/api/v1/executions/{id}");
            Assert.Equal("CREATED", queued.Json.GetProperty("state").GetProperty("current").GetString());
            Assert.Empty(queued.Json.GetProperty("taskRunList").EnumerateArray());
        }

        SqliteConnection.ClearAllPools();
        await using var second = await LoopbackHost.StartAsync(config);
        var execution = await new KestraClient(second.Client).WaitForExecutionAsync(id);
        Assert.True(execution.GetProperty("state").GetProperty("current").GetString() == "SUCCESS", execution.ToString());
    }

    [Fact]
    public async Task With_builtin_auth_the_execution_view_takes_a_session_and_the_webhook_still_takes_only_its_key()
    {
        var config = KestraExample.CopyTo(_folder);
        var document = Configuration(config);
        document["plugins"]!.AsArray().Add(new JsonObject { ["name"] = "Auth.Bearer" });
        document["plugins"]!.AsArray().Add(new JsonObject { ["name"] = "Auth.Builtin" });
        File.WriteAllText(config, document.ToJsonString());
        await using var host = HostProcess.Start(config, environment: KestraExample.AdminEnvironment);
        await host.WaitUntilReadyAsync();
        var kestra = new KestraClient(host.Client);

        var created = await kestra.SendAsync(HttpMethod.Post, $"{KestraExample.Webhooks}/webhook_flow/{KestraExample.Key}", "{}");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var path = $"/api/v1/executions/{created.Json.GetProperty("id").GetString()}";

        var anonymous = await kestra.SendAsync(HttpMethod.Get, path);
        Assert.Equal((HttpStatusCode.Unauthorized, "Unauthorized: a valid session token is required"), (anonymous.Status, anonymous.Message));

        var session = await kestra.LoginAsync(KestraExample.AdminUsername, KestraExample.AdminPassword);
        var signedIn = await kestra.SendAsync(HttpMethod.Get, path, sessionToken: session);
        Assert.Equal("webhook_flow", signedIn.Json.GetProperty("flowId").GetString());
    }

    private static JsonNode Configuration(string config) =>
        JsonNode.Parse(File.ReadAllText(config), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;

    private static async Task<(int ExitCode, string Error)> RunUntilExitAsync(string config)
    {
        await using var host = HostProcess.Start(config);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (exitCode, host.StandardError);
    }
}
