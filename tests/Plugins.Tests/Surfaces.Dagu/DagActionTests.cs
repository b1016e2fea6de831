using System.Text.Json;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Actions.Command;
using Webhooks.Modular.Surfaces.Dagu.Dags;
using Webhooks.Modular.Surfaces.Dagu.Runs;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dagu;

/// <summary>The <c>dagu-dag</c> action over the real command action and <c>/bin/sh</c>.</summary>
public sealed class DagActionTests : IDisposable
{
    private readonly DagFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Steps_run_in_order_and_their_outputs_are_concatenated()
    {
        _folder.Write("ok.yaml", """
            steps:
              - id: first
                command: echo one
              - name: second
                command: echo two; echo to-stderr >&2
            """);

        var result = await RunAsync("ok");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("one\ntwo\nto-stderr\n", result.Output);
        var steps = Steps(result);
        Assert.Equal(["first", "second"], steps.Select(s => s.GetProperty("id").GetString()));
        Assert.All(steps, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
        Assert.All(steps, s => Assert.Equal(0, s.GetProperty("exitCode").GetInt32()));
        Assert.Equal("one\n", steps[0].GetProperty("output").GetString());
        Assert.Equal(JsonValueKind.Null, steps[0].GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task The_first_failure_stops_the_run_and_later_steps_are_skipped()
    {
        _folder.Write("fails.yaml", """
            steps:
              - id: fine
                command: echo fine
              - id: broken
                command: echo about to fail; exit 3
              - id: never
                command: touch never-ran
            """);

        var result = await RunAsync("fails");

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("step 'broken' failed: exit code 3", result.Error);
        Assert.Equal("fine\nabout to fail\n", result.Output);
        var steps = Steps(result);
        Assert.Equal(["succeeded", "failed", "skipped"], steps.Select(s => s.GetProperty("status").GetString()));
        Assert.Equal(3, steps[1].GetProperty("exitCode").GetInt32());
        Assert.Equal("exit code 3", steps[1].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, steps[2].GetProperty("exitCode").ValueKind);
        Assert.Equal(string.Empty, steps[2].GetProperty("output").GetString());
        Assert.False(File.Exists(Path.Combine(_folder.Path, "never-ran")));
    }

    [Fact]
    public async Task Each_step_sees_the_payload_the_dag_and_the_run_in_its_environment_and_runs_in_the_dag_folder()
    {
        _folder.Write("env.yaml", """
            steps:
              - id: inspect_webhook
                command: |
                  echo "$WEBHOOK_PAYLOAD" | jq -r '.branch'
                  echo "$DAG_NAME $DAG_RUN_ID $DAG_RUN_STEP_NAME ${STEP_ID-no-step-id}"
                  pwd
            """);

        var result = await RunAsync("env", input: """{"branch":"main","commit":"abc123"}""", runId: "env:deploy-abc123");

        Assert.True(result.Succeeded, result.Error + result.Output);
        Assert.Equal($"main\nenv deploy-abc123 inspect_webhook no-step-id\n{_folder.Path}\n", result.Output);
    }

    [Fact]
    public async Task A_broken_dag_fails_the_run_with_a_clear_error()
    {
        var file = _folder.Write("broken.yaml", "steps: [ { id: a, command: 'echo hi' }");

        var result = await RunAsync("broken");

        Assert.False(result.Succeeded);
        Assert.StartsWith($"{file}: line ", result.Error);
        Assert.Contains("invalid YAML", result.Error);
        Assert.Empty(Steps(result));
    }

    [Fact]
    public async Task Step_ids_are_the_id_then_the_name_then_the_position_and_other_dagu_keys_are_ignored()
    {
        _folder.Write("my-dag.yaml", """
            description: ignored, as are other Dagu keys
            schedule: "0 * * * *"
            steps:
              - id: inspect_webhook
                name: not the id
                command: |
                  echo "$WEBHOOK_PAYLOAD" | jq -r '.branch'
                  echo second line
              - name: build
                command: echo built
              - command: echo done
            """);

        var result = await RunAsync("my-dag", input: """{"branch":"main"}""");

        Assert.True(result.Succeeded, result.Error + result.Output);
        Assert.Equal(["inspect_webhook", "build", "step3"], Steps(result).Select(s => s.GetProperty("id").GetString()));
        Assert.Equal("main\nsecond line\nbuilt\ndone\n", result.Output);
    }

    // The file is read by Actions.Steps (its tests cover every problem): these check the DAG's own wording.
    [Theory]
    [InlineData("", "a DAG must be a YAML mapping with 'steps'")]
    [InlineData("- just\n- a list\n", "a DAG must be a YAML mapping with 'steps'")]
    [InlineData("steps: []\n", "'steps' is empty: the DAG has nothing to run")]
    [InlineData("steps:\n  - id: a\n", "line 2: step 'a' has no 'command'")]
    public async Task A_dag_without_usable_steps_fails_the_run_with_the_reason(string yaml, string reason)
    {
        var file = _folder.Write("bad.yaml", yaml);

        var result = await RunAsync("bad");

        Assert.False(result.Succeeded);
        Assert.StartsWith(file + ": ", result.Error);
        Assert.Contains(reason, result.Error);
        Assert.Empty(Steps(result));
    }

    [Fact]
    public async Task A_dag_removed_after_its_webhook_was_made_fails_the_run()
    {
        var result = await RunAsync("gone");

        Assert.False(result.Succeeded);
        Assert.Equal($"DAG 'gone' not found in '{_folder.Path}'", result.Error);
        Assert.Empty(Steps(result));
    }

    [Fact]
    public async Task The_dag_file_is_read_at_each_run()
    {
        _folder.Write("edited.yaml", "steps: [ { command: 'echo before' } ]");
        var action = Factory().Create(TestSettings.FromJson("""{ "dag": "edited" }"""));
        Assert.Equal("before\n", (await action.ExecuteAsync(Context(), CancellationToken.None)).Output);

        _folder.Write("edited.yaml", "steps: [ { command: 'echo after' } ]");

        Assert.Equal("after\n", (await action.ExecuteAsync(Context(), CancellationToken.None)).Output);
    }

    [Theory]
    [InlineData("""{ }""")]
    [InlineData("""{ "dag": "../etc/passwd" }""")]
    public void The_dag_setting_must_name_a_dag(string json)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Factory().Create(TestSettings.FromJson(json)));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:dag", error.Key);
    }

    [Fact]
    public void Without_the_command_action_a_dag_hook_cannot_be_built()
    {
        var factory = new DagActionFactory(new DagLoader(_folder.Path), () => null);

        var error = Assert.Throws<PluginConfigurationException>(() => factory.Create(TestSettings.FromJson("""{ "dag": "x" }""")));

        Assert.Contains("Actions.Command", error.Message);
        Assert.Equal("dagu-dag", factory.Type);
    }

    private DagActionFactory Factory() => new(new DagLoader(_folder.Path), () => new CommandActionFactory());

    private Task<RunResult> RunAsync(string dag, string input = "{}", string? runId = null) =>
        Factory().Create(TestSettings.FromJson($$"""{ "dag": "{{dag}}" }""")).ExecuteAsync(Context(input, runId ?? $"{dag}:run-1"), CancellationToken.None);

    private static RunContext Context(string input = "{}", string runId = "edited:run-1") =>
        new(runId, "dagu.test", "req-1", Guid.CreateVersion7(), 1, input, new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase), default);

    private static JsonElement[] Steps(RunResult result)
    {
        Assert.NotNull(result.Details);
        return [.. JsonDocument.Parse(result.Details).RootElement.GetProperty("steps").EnumerateArray()];
    }
}
