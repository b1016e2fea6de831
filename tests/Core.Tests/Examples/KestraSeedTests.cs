using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>
/// Kestra's webhook trigger documentation, replayed request by request against the real host running the shipped
/// <c>examples/kestra</c> deployment, with the documented answers: 200 with the execution, 204 when a condition is
/// not met, 404 for an unknown namespace, flow or key.
/// </summary>
public sealed class KestraSeedTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private LoopbackHost _host = null!;
    private KestraClient _kestra = null!;

    public async Task InitializeAsync()
    {
        _host = await LoopbackHost.StartAsync(KestraExample.CopyTo(_folder));
        _kestra = new KestraClient(_host.Client);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    public async Task The_webhook_flow_answers_200_with_the_created_execution(string method)
    {
        var answer = await _kestra.SendAsync(
            new HttpMethod(method), $"{KestraExample.Webhooks}/webhook_flow/{KestraExample.Key}?source=docs", method == "GET" ? null : """{"hello":"world"}""");

        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        var execution = answer.Json;
        Assert.Matches("^[0-9A-Za-z]{22}$", execution.GetProperty("id").GetString());
        Assert.Equal("company.team", execution.GetProperty("namespace").GetString());
        Assert.Equal("webhook_flow", execution.GetProperty("flowId").GetString());
        Assert.Equal(1, execution.GetProperty("flowRevision").GetInt32());
        Assert.Equal("CREATED", execution.GetProperty("state").GetProperty("current").GetString());
        Assert.Equal("CREATED", execution.GetProperty("state").GetProperty("histories")[0].GetProperty("state").GetString());
        var trigger = execution.GetProperty("trigger");
        Assert.Equal("webhook", trigger.GetProperty("id").GetString());
        Assert.Equal("io.kestra.plugin.core.trigger.Webhook", trigger.GetProperty("type").GetString());
        var variables = trigger.GetProperty("variables");
        Assert.Equal(method == "GET" ? JsonValueKind.Null : JsonValueKind.Object, variables.GetProperty("body").ValueKind);
        Assert.Equal(JsonValueKind.Array, variables.GetProperty("headers").GetProperty("Host").ValueKind);
        Assert.Equal("docs", variables.GetProperty("parameters").GetProperty("source")[0].GetString());
    }

    [Fact]
    public async Task The_condition_flow_starts_an_execution_only_when_hello_is_world()
    {
        var path = $"{KestraExample.Webhooks}/condition_based_webhook_flow/{KestraExample.Key}";

        var met = await _kestra.SendAsync(HttpMethod.Post, path, """{"hello":"world"}""");
        Assert.True(met.Status == HttpStatusCode.OK, met.ToString());
        Assert.Equal("condition_based_webhook_flow", met.Json.GetProperty("flowId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _kestra.SendAsync(HttpMethod.Put, path, """{"hello":"world","more":1}""")).Status);

        foreach (var (method, body) in new (HttpMethod, string?)[]
        {
            (HttpMethod.Post, """{"hello":"mars"}"""),
            (HttpMethod.Post, """{"other":"world"}"""),
            (HttpMethod.Post, """["world"]"""),
            (HttpMethod.Put, "hello=world"),
            (HttpMethod.Get, null),
        })
        {
            var notMet = await _kestra.SendAsync(method, path, body);
            Assert.True(notMet.Status == HttpStatusCode.NoContent && notMet.Text.Length == 0, $"{method} {body}: {notMet}");
        }
    }

    [Fact]
    public async Task An_unknown_key_is_404_never_401()
    {
        foreach (var flow in new[] { "webhook_flow", "condition_based_webhook_flow" })
        {
            foreach (var key in new[] { "wrong-key", KestraExample.Key.ToUpperInvariant(), KestraExample.PayloadFlowKey })
            {
                var answer = await _kestra.SendAsync(HttpMethod.Post, $"{KestraExample.Webhooks}/{flow}/{key}", """{"hello":"world"}""");

                Assert.True(answer.Status == HttpStatusCode.NotFound, $"{flow}/{key}: {answer}");
                Assert.Equal("Not Found: Webhook not found", answer.Message);
            }
        }
    }

    [Theory]
    [InlineData("/api/v1/executions/webhook/company.team/no_such_flow/4wjtkzwVGBM9yKnjm3yv8r")]
    [InlineData("/api/v1/executions/webhook/company.other/webhook_flow/4wjtkzwVGBM9yKnjm3yv8r")]
    [InlineData("/api/v1/executions/webhook/company/team.webhook_flow/4wjtkzwVGBM9yKnjm3yv8r")]
    [InlineData("/api/v1/executions/webhook/Company.Team/webhook_flow/4wjtkzwVGBM9yKnjm3yv8r")]
    public async Task An_unknown_namespace_or_flow_is_404(string path)
    {
        var answer = await _kestra.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("Not Found: Flow not found", answer.Message);
    }

    [Fact]
    public async Task The_body_reaches_trigger_body_as_an_object_an_array_or_the_raw_text()
    {
        var path = $"{KestraExample.Webhooks}/webhook_flow/{KestraExample.Key}?tag=a&tag=b";

        var asObject = await _kestra.SendAsync(HttpMethod.Post, path, """{"hello":"world","n":[1,2]}""");
        var asArray = await _kestra.SendAsync(HttpMethod.Post, path, """[{"id":1},{"id":2}]""");
        var asText = await _kestra.SendAsync(HttpMethod.Put, path, "plain text, not JSON", "text/plain");

        var objectBody = Variables(asObject).GetProperty("body");
        Assert.Equal(("world", 2), (objectBody.GetProperty("hello").GetString(), objectBody.GetProperty("n").GetArrayLength()));
        var arrayBody = Variables(asArray).GetProperty("body");
        Assert.Equal((JsonValueKind.Array, 2), (arrayBody.ValueKind, arrayBody[1].GetProperty("id").GetInt32()));
        var text = Variables(asText);
        Assert.Equal("plain text, not JSON", text.GetProperty("body").GetString());
        Assert.Equal(["text/plain; charset=utf-8"], text.GetProperty("headers").GetProperty("Content-Type").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["a", "b"], text.GetProperty("parameters").GetProperty("tag").EnumerateArray().Select(v => v.GetString()));

        // The run's input is the same variables, and the execution view shows them.
        var stored = await _kestra.WaitForExecutionAsync(asText.Json.GetProperty("id").GetString()!);
        Assert.Equal("plain text, not JSON", stored.GetProperty("trigger").GetProperty("variables").GetProperty("body").GetString());
    }

    [Fact]
    public async Task An_execution_shows_its_state_and_the_log_tasks_rendered_message()
    {
        var created = await _kestra.SendAsync(HttpMethod.Post, $"{KestraExample.Webhooks}/webhook_flow/{KestraExample.Key}", "{}");
        var id = created.Json.GetProperty("id").GetString()!;

        var execution = await _kestra.WaitForExecutionAsync(id);

        Assert.Equal((id, "company.team", "webhook_flow"), (execution.GetProperty("id").GetString(), execution.GetProperty("namespace").GetString(), execution.GetProperty("flowId").GetString()));
        var state = execution.GetProperty("state");
        Assert.Equal("SUCCESS", state.GetProperty("current").GetString());
        Assert.Equal(["CREATED", "RUNNING", "SUCCESS"], state.GetProperty("histories").EnumerateArray().Select(h => h.GetProperty("state").GetString()));
        Assert.StartsWith("PT", state.GetProperty("duration").GetString());
        var task = Assert.Single(execution.GetProperty("taskRunList").EnumerateArray());
        Assert.Equal("log_hello_world", task.GetProperty("taskId").GetString());
        Assert.Equal("SUCCESS", task.GetProperty("state").GetProperty("current").GetString());
        Assert.Equal(["Hello World! 🚀"], task.GetProperty("logs").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task Log_messages_are_rendered_with_the_trigger_variables_and_shell_tasks_read_them_from_the_payload()
    {
        var created = await _kestra.SendAsync(
            HttpMethod.Post, $"{KestraExample.Webhooks}/payload_flow/{KestraExample.PayloadFlowKey}?source=ci", """{"name":"Ada"}""");
        var id = created.Json.GetProperty("id").GetString()!;

        var execution = await _kestra.WaitForExecutionAsync(id);

        Assert.True(execution.GetProperty("state").GetProperty("current").GetString() == "SUCCESS", execution.ToString());
        var tasks = execution.GetProperty("taskRunList").EnumerateArray().ToArray();
        Assert.Equal([$"Hello Ada, from execution {id}"], tasks[0].GetProperty("logs").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["""{"name":"Ada"}""", "ci"], tasks[1].GetProperty("logs").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(0, tasks[1].GetProperty("outputs").GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task The_key_is_redacted_from_the_stored_event()
    {
        var created = await _kestra.SendAsync(HttpMethod.Post, $"{KestraExample.Webhooks}/webhook_flow/{KestraExample.Key}", "{}");
        var run = await _host.WaitForRunAsync(created.Json.GetProperty("id").GetString()!);

        var stored = await _kestra.SendAsync(HttpMethod.Get, $"/events/{run.GetProperty("eventId").GetString()}");

        Assert.Equal("/api/v1/executions/webhook/company.team/webhook_flow/[redacted]", stored.Json.GetProperty("path").GetString());
        Assert.DoesNotContain(KestraExample.Key, stored.Text + run.ToString());
    }

    [Fact]
    public async Task An_unknown_execution_is_404()
    {
        var answer = await _kestra.SendAsync(HttpMethod.Get, "/api/v1/executions/0000000000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.StartsWith("Not Found: ", answer.Message);
    }

    private static JsonElement Variables(KestraClient.Answer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, answer.ToString());
        return answer.Json.GetProperty("trigger").GetProperty("variables");
    }
}
