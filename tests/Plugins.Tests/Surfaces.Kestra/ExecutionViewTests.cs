using System.Text.Json;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.Kestra.Api;
using Webhooks.Modular.Surfaces.Kestra.Flows;
using Webhooks.Modular.Surfaces.Kestra.Runs;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Kestra;

public sealed class ExecutionViewTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly FlowFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(RunStatus.Queued, "CREATED")]
    [InlineData(RunStatus.Running, "RUNNING")]
    [InlineData(RunStatus.Succeeded, "SUCCESS")]
    [InlineData(RunStatus.Failed, "FAILED")]
    public void Run_statuses_are_kestra_states(RunStatus status, string state) =>
        Assert.Equal(state, ExecutionView.StateOf(status));

    [Fact]
    public void A_finished_execution_shows_its_flow_trigger_history_and_task_runs()
    {
        var flow = new FlowLoader(_folder.Path, KestraTestTemplates.Renderer).LoadFile(_folder.Write("flow.yml", SeedFlows.WebhookFlow));
        var details = new FlowRunDetails(
        [
            new TaskOutcome("log_hello_world", KestraTypes.Log, TaskOutcome.Success, "Hello World! 🚀\n", null, null),
            new TaskOutcome("shell", KestraTypes.ShellCommands, TaskOutcome.Failed, "one\ntwo\n", 3, "exit code 3"),
        ]).ToJson();
        var run = Run(RunStatus.Failed, details) with { StartedAt = Created.AddSeconds(1), FinishedAt = Created.AddSeconds(2.5) };

        var view = Json(ExecutionView.From(run, (flow, flow.Webhooks[0])));

        Assert.Equal("exec-1", view.GetProperty("id").GetString());
        Assert.Equal(("company.team", "webhook_flow", 1), (view.GetProperty("namespace").GetString(), view.GetProperty("flowId").GetString(), view.GetProperty("flowRevision").GetInt32()));
        var state = view.GetProperty("state");
        Assert.Equal("FAILED", state.GetProperty("current").GetString());
        Assert.Equal(["CREATED", "RUNNING", "FAILED"], state.GetProperty("histories").EnumerateArray().Select(h => h.GetProperty("state").GetString()));
        Assert.Equal("2026-01-02T03:04:05Z", state.GetProperty("startDate").GetString());
        Assert.Equal("2026-01-02T03:04:07.5Z", state.GetProperty("endDate").GetString());
        Assert.Equal("PT2.5S", state.GetProperty("duration").GetString());
        var trigger = view.GetProperty("trigger");
        Assert.Equal(("webhook", KestraTypes.Webhook), (trigger.GetProperty("id").GetString(), trigger.GetProperty("type").GetString()));
        Assert.Equal("world", trigger.GetProperty("variables").GetProperty("body").GetProperty("hello").GetString());
        var tasks = view.GetProperty("taskRunList").EnumerateArray().ToArray();
        Assert.Equal(["Hello World! 🚀"], tasks[0].GetProperty("logs").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("SUCCESS", tasks[0].GetProperty("state").GetProperty("current").GetString());
        Assert.False(tasks[0].TryGetProperty("error", out _));
        Assert.Equal(["one", "two"], tasks[1].GetProperty("logs").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(3, tasks[1].GetProperty("outputs").GetProperty("exitCode").GetInt32());
        Assert.Equal("exit code 3", tasks[1].GetProperty("error").GetString());
    }

    [Fact]
    public void A_queued_execution_has_no_task_runs_and_no_end()
    {
        var view = Json(ExecutionView.From(Run(RunStatus.Queued, null), null));

        Assert.Equal("CREATED", view.GetProperty("state").GetProperty("current").GetString());
        Assert.False(view.GetProperty("state").TryGetProperty("endDate", out _));
        Assert.Empty(view.GetProperty("taskRunList").EnumerateArray());
        Assert.False(view.TryGetProperty("namespace", out _));
    }

    [Fact]
    public void Execution_ids_are_22_base62_characters_that_sort_by_time()
    {
        var clock = new ManualClock(Created);
        var first = ExecutionIds.New(clock);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = ExecutionIds.New(clock);

        Assert.Matches("^[0-9A-Za-z]{22}$", first);
        Assert.True(string.CompareOrdinal(first, second) < 0, $"{first} !< {second}");
        Assert.Equal("0000000000000000000000", ExecutionIds.Encode(Guid.Empty));
        Assert.Equal("7n42DGM5Tflk9n8mt7Fhc7", ExecutionIds.Encode(Guid.AllBitsSet));
    }

    private static RunRecord Run(RunStatus status, string? details) => new(
        "exec-1", Guid.CreateVersion7(), "req-1", "kestra.company.team.webhook_flow.webhook", "kestra-flow",
        """{"body":{"hello":"world"},"headers":{},"parameters":{}}""", status, 1, 3, Created, null, null, null, null, null, null, null, details);

    private static JsonElement Json(ExecutionView view) => JsonSerializer.SerializeToElement(view, KestraResults.Json);

}
