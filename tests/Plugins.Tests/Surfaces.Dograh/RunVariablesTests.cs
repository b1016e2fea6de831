using System.Text.Json.Nodes;
using Webhooks.Modular.Surfaces.Dograh.Destinations;
using Webhooks.Modular.Surfaces.Dograh.Payloads;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dograh;

/// <summary>The variables a template sees, from the engine's <c>run.completed</c> / <c>run.failed</c> payload.</summary>
public sealed class RunVariablesTests
{
    private static readonly NodeTemplate Node = new(7, "Support line", "webhook-1", "Notify CRM", null);

    private const string RunId = "0199f0a1-7c2e-7b3d-9a44-5e6f70819203";

    private static JsonObject Run(string output, string status = "succeeded", string? error = null, string input = """{"customer_name":"Ada"}""") =>
        new()
        {
            ["runId"] = RunId,
            ["runNumber"] = 42,
            ["hook"] = "call-completed",
            ["status"] = status,
            ["exitCode"] = status == "succeeded" ? 0 : 3,
            ["output"] = output,
            ["error"] = error,
            ["attempt"] = 1,
            ["eventId"] = "0199f0a1-7c2e-7b3d-9a44-5e6f70819203",
            ["requestId"] = "req-1",
            ["input"] = JsonNode.Parse(input),
            ["details"] = null,
            ["startedAt"] = "2026-11-22T12:00:00Z",
            ["finishedAt"] = "2026-11-22T12:00:01Z",
        };

    [Fact]
    public void A_json_object_output_supplies_gathered_context_cost_annotations_and_urls()
    {
        var variables = RunVariables.Build(Node, Run("""
            {"gathered_context":{"resolution":"refund issued"},"cost_info":{"total_usd":0.12},"annotations":{"qa_score":9},
             "recording_url":"https://rec.example/1.wav","transcript_url":"https://rec.example/1.txt","other":1}

            """));

        Assert.Equal(
            JsonNode.Parse("""
                {
                  "workflow_run_id": 42,
                  "workflow_run_uuid": "0199f0a1-7c2e-7b3d-9a44-5e6f70819203",
                  "workflow_run_name": "Support line #42",
                  "workflow_id": 7,
                  "workflow_name": "Support line",
                  "initial_context": { "customer_name": "Ada" },
                  "gathered_context": { "resolution": "refund issued" },
                  "cost_info": { "total_usd": 0.12 },
                  "annotations": { "qa_score": 9 },
                  "recording_url": "https://rec.example/1.wav",
                  "transcript_url": "https://rec.example/1.txt",
                  "status": "succeeded",
                  "error": null
                }
                """)!.ToJsonString(),
            variables.ToJsonString());
    }

    [Fact]
    public void An_object_without_gathered_context_is_the_gathered_context_and_the_rest_defaults()
    {
        var variables = RunVariables.Build(Node, Run("""{"resolution":"callback booked","minutes":4}"""));

        Assert.Equal("""{"resolution":"callback booked","minutes":4}""", variables["gathered_context"]!.ToJsonString());
        Assert.Equal("{}", variables["cost_info"]!.ToJsonString());
        Assert.Equal("{}", variables["annotations"]!.ToJsonString());
        Assert.Null(variables["recording_url"]);
        Assert.Null(variables["transcript_url"]);
    }

    [Fact]
    public void The_last_line_counts_when_earlier_steps_logged_text()
    {
        var variables = RunVariables.Build(Node, Run("dialing...\nconnected\n{\"gathered_context\":{\"resolution\":\"escalated\"}}\n"));

        Assert.Equal("""{"resolution":"escalated"}""", variables["gathered_context"]!.ToJsonString());
    }

    [Theory]
    [InlineData("call ended normally\n")]
    [InlineData("[1,2,3]")]
    [InlineData("{not json}")]
    [InlineData("")]
    public void Other_output_is_gathered_as_text(string output)
    {
        var variables = RunVariables.Build(Node, Run(output));

        Assert.Equal(output, variables["gathered_context"]!["output"]!.GetValue<string>());
        Assert.Equal("{}", variables["cost_info"]!.ToJsonString());
    }

    [Fact]
    public void A_failed_run_shows_its_status_and_error()
    {
        var variables = RunVariables.Build(Node, Run("boom", "failed", "exit code 3"));

        Assert.Equal(("failed", "exit code 3"), (variables["status"]!.GetValue<string>(), variables["error"]!.GetValue<string>()));
    }

    [Fact]
    public void The_input_is_the_initial_context_whatever_its_shape()
    {
        Assert.Equal("[1,2]", RunVariables.Build(Node, Run("", input: "[1,2]"))["initial_context"]!.ToJsonString());
        Assert.Equal("{}", RunVariables.Build(Node, Run("", input: "null"))["initial_context"]!.ToJsonString());
    }

    [Fact]
    public void Every_documented_variable_is_present()
    {
        var variables = RunVariables.Build(Node, Run("x"));

        Assert.All(RunVariables.Documented, name => Assert.True(variables.ContainsKey(name), name));
    }

    [Fact]
    public void The_run_id_is_the_runs_number_as_an_integer_and_the_uuid_has_its_own_name()
    {
        var variables = RunVariables.Build(Node, Run("x"));

        Assert.Equal(System.Text.Json.JsonValueKind.Number, variables["workflow_run_id"]!.GetValueKind());
        Assert.Equal(42L, variables["workflow_run_id"]!.GetValue<long>());
        Assert.Equal(RunId, variables["workflow_run_uuid"]!.GetValue<string>());
        Assert.Equal("Support line #42", variables["workflow_run_name"]!.GetValue<string>());
    }

    [Fact]
    public void A_run_without_a_number_has_a_null_run_id_and_is_named_by_its_uuid()
    {
        var run = Run("x");
        run.Remove("runNumber");

        var variables = RunVariables.Build(Node, run);

        Assert.True(variables.ContainsKey("workflow_run_id"));
        Assert.Null(variables["workflow_run_id"]);
        Assert.Equal(RunId, variables["workflow_run_uuid"]!.GetValue<string>());
        Assert.Equal($"Support line #{RunId}", variables["workflow_run_name"]!.GetValue<string>());
    }
}
