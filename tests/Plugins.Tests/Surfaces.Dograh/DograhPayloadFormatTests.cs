using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Dograh.Destinations;
using Webhooks.Modular.Surfaces.Dograh.Payloads;
using Webhooks.Modular.Surfaces.Dograh.Workflows;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

/// <summary>The <c>dograh</c> format renders a declared node's destination the way the engine calls it.</summary>
public sealed class DograhPayloadFormatTests
{
    private static readonly WorkflowSettings Workflow = new(12, "Support line", "call-completed", "/srv/support.json", 0);
    private static readonly DograhPayloadFormat Format = new(NullLogger.Instance);

    private static DestinationRecord Destination(string nodeJson = SeedWorkflow.Definition) =>
        StoredDestinations.From(NodeDestinations.Spec(Workflow, Assert.Single(WorkflowDefinitionReader.Parse(Workflow.File, nodeJson))));

    private static PayloadContext Event(string type = "run.completed", string hook = "call-completed", string output = """{"gathered_context":{"resolution":"refund issued"}}""") =>
        new(Guid.NewGuid(), type, hook, DateTimeOffset.UtcNow, new JsonObject
        {
            ["runId"] = "0199f0a1-7c2e-7b3d-9a44-5e6f70819203",
            ["runNumber"] = 1207,
            ["hook"] = hook,
            ["status"] = type == "run.completed" ? "succeeded" : "failed",
            ["exitCode"] = 0,
            ["output"] = output,
            ["error"] = type == "run.completed" ? null : "exit code 1",
            ["attempt"] = 1,
            ["eventId"] = Guid.NewGuid().ToString(),
            ["requestId"] = "req-1",
            ["input"] = new JsonObject { ["customer_name"] = "Zoë <Ada> O'Brien" },
            ["details"] = null,
            ["startedAt"] = null,
            ["finishedAt"] = "2026-11-22T12:00:01Z",
        }.ToJsonString());

    [Fact]
    public void The_seed_node_renders_its_template_as_a_json_body()
    {
        var rendered = Format.Render(Destination(), Event());

        Assert.NotNull(rendered);
        Assert.Equal("application/json", rendered.ContentType);
        Assert.Equal(
            """{"run_id":"1207","customer":"Zoë <Ada> O'Brien","outcome":"refund issued"}""",
            Encoding.UTF8.GetString(rendered.Body));
    }

    [Fact]
    public void A_failed_run_is_rendered_too()
    {
        var destination = Destination(SeedWorkflow.WithData("""
            { "endpoint_url": "https://a.example/", "payload_template": { "status": "{{status}}", "why": "{{error | none}}", "outcome": "{{gathered_context.output}}" } }
            """));

        var rendered = Format.Render(destination, Event("run.failed", output: "no answer"));

        Assert.Equal("""{"status":"failed","why":"exit code 1","outcome":"no answer"}""", Encoding.UTF8.GetString(rendered!.Body));
    }

    [Fact]
    public void Without_a_template_the_body_is_every_variable()
    {
        var destination = Destination(SeedWorkflow.WithData("""{ "endpoint_url": "https://a.example/" }"""));

        var body = JsonNode.Parse(Format.Render(destination, Event())!.Body)!.AsObject();

        Assert.Equal(12, body["workflow_id"]!.GetValue<int>());
        Assert.Equal(1207L, body["workflow_run_id"]!.GetValue<long>());
        Assert.Equal("0199f0a1-7c2e-7b3d-9a44-5e6f70819203", body["workflow_run_uuid"]!.GetValue<string>());
        Assert.Equal("Support line #1207", body["workflow_run_name"]!.GetValue<string>());
        Assert.Equal("refund issued", body["gathered_context"]!["resolution"]!.GetValue<string>());
        Assert.All(RunVariables.Documented, name => Assert.True(body.ContainsKey(name), name));
    }

    [Fact]
    public void Other_events_and_other_hooks_are_not_for_it()
    {
        Assert.Null(Format.Render(Destination(), Event("event.webhook.call-completed")));
        Assert.Null(Format.Render(Destination(), Event(hook: "another-hook")));
    }

    [Fact]
    public void A_destination_without_a_node_template_or_an_unreadable_event_renders_nothing()
    {
        Assert.Null(Format.Render(Destination() with { Template = null }, Event()));
        Assert.Null(Format.Render(Destination() with { Template = "{\"payload_template\":{}}" }, Event()));
        Assert.Null(Format.Render(Destination(), Event() with { PayloadJson = "not json" }));
        Assert.Null(Format.Render(Destination(), Event() with { PayloadJson = "[]" }));
    }

    [Fact]
    public void A_deeply_nested_input_is_rendered_and_written_whole()
    {
        const int depth = 600;
        var input = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        var payload = JsonNode.Parse(Event().PayloadJson)!.AsObject();
        payload["input"] = JsonNode.Parse(input, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = depth + 1 });
        var context = Event() with { PayloadJson = payload.ToJsonString(new System.Text.Json.JsonSerializerOptions { MaxDepth = depth + 10 }) };

        var templated = Format.Render(Destination(SeedWorkflow.WithData("""{ "endpoint_url": "https://a.example/", "payload_template": { "all": "{{initial_context}}" } }""")), context);
        var whole = Format.Render(Destination(SeedWorkflow.WithData("""{ "endpoint_url": "https://a.example/" }""")), context);

        Assert.Contains(input.Replace("\"", "\\\"", StringComparison.Ordinal), Encoding.UTF8.GetString(templated!.Body));
        Assert.Contains(input, Encoding.UTF8.GetString(whole!.Body));
    }

    [Fact]
    public void The_node_template_round_trips_through_the_destination()
    {
        var template = new NodeTemplate(3, "Billing", "w-1", "Notify", JsonNode.Parse("""{"a":["{{workflow_id}}"]}"""));

        var read = NodeTemplate.TryParse(template.ToJson());

        Assert.NotNull(read);
        Assert.Equal((3, "Billing", "w-1", "Notify"), (read.WorkflowId, read.WorkflowName, read.NodeId, read.NodeName));
        Assert.Equal("""{"a":["{{workflow_id}}"]}""", read.PayloadTemplate!.ToJsonString());
        Assert.Null(NodeTemplate.TryParse(new NodeTemplate(3, "B", "w", "n", null).ToJson())!.PayloadTemplate);
    }
}
