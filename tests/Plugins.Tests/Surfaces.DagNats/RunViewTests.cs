using System.Text.Json;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.DagNats.Api;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.DagNats;

public sealed class RunViewTests
{
    [Fact]
    public void A_finished_run_shows_its_input_output_and_steps_in_snake_case()
    {
        var run = Run("dagnats.github-events") with
        {
            Status = RunStatus.Failed,
            Output = "one\n",
            Error = "step 'b' failed: exit code 2",
            ExitCode = 2,
            Details = """{"steps":[{"id":"a","status":"succeeded","exitCode":0,"output":"one\n","error":null},{"id":"b","status":"failed","exitCode":2,"output":"","error":"exit code 2"}]}""",
        };

        var json = JsonSerializer.SerializeToElement(RunView.FromAnyRun(run), ApiResults.Json);

        Assert.Equal("github-events", json.GetProperty("trigger").GetString());
        Assert.Equal("failed", json.GetProperty("status").GetString());
        Assert.Equal("opened", json.GetProperty("input").GetProperty("action").GetString());
        Assert.Equal(2, json.GetProperty("exit_code").GetInt32());
        Assert.Equal("2026-11-22T12:00:00Z", json.GetProperty("created_at").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("finished_at").ValueKind);
        var steps = json.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(["a", "b"], steps.Select(s => s.GetProperty("id").GetString()));
        Assert.Equal(2, steps[1].GetProperty("exit_code").GetInt32());
        Assert.Equal("exit code 2", steps[1].GetProperty("error").GetString());
    }

    [Fact]
    public void Runs_of_other_hooks_are_not_shown_and_odd_details_show_no_steps()
    {
        Assert.Null(RunView.FromAnyRun(Run("dagu.my-dag")));
        Assert.Empty(RunView.FromAnyRun(Run("dagnats.x") with { Details = "[1]" })!.Steps);
        Assert.Empty(RunView.FromAnyRun(Run("dagnats.x") with { Details = "not json" })!.Steps);
    }

    private static RunRecord Run(string hook) => new(
        "run-1", Guid.CreateVersion7(), "req-1", hook, "steps", """{"action":"opened"}""", RunStatus.Queued, 1, 3,
        DateTimeOffset.Parse("2026-11-22T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), null, null, null, null, null, null, null);
}
