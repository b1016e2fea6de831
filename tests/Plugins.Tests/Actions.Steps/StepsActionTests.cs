using System.Text.Json;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Actions.Command;
using Webhooks.Modular.Actions.Steps;

namespace Webhooks.Modular.Plugins.Tests.Actions.Steps;

/// <summary>The <c>steps</c> action over the real command action and <c>/bin/sh</c>.</summary>
public sealed class StepsActionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("steps-action-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Steps_run_in_order_and_their_outputs_are_concatenated()
    {
        Write("ok.yaml", """
            steps:
              - id: first
                command: echo one
              - name: second
                command: echo two; echo to-stderr >&2
              - command: echo three
            """);

        var result = await RunAsync("ok.yaml");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(0, result.ExitCode);
        Assert.Null(result.Error);
        Assert.Equal("one\ntwo\nto-stderr\nthree\n", result.Output);
        var steps = Steps(result);
        Assert.Equal(["first", "second", "step3"], steps.Select(s => s.GetProperty("id").GetString()));
        Assert.All(steps, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
        Assert.All(steps, s => Assert.Equal(0, s.GetProperty("exitCode").GetInt32()));
        Assert.Equal("one\n", steps[0].GetProperty("output").GetString());
        Assert.Equal(JsonValueKind.Null, steps[0].GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task The_first_failure_stops_the_run_and_later_steps_are_skipped()
    {
        Write("fails.yaml", """
            steps:
              - id: fine
                command: echo fine
              - id: broken
                command: echo about to fail; exit 3
              - id: never
                command: touch never-ran
              - id: nor-this
                command: touch nor-this-ran
            """);

        var result = await RunAsync("fails.yaml");

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("step 'broken' failed: exit code 3", result.Error);
        Assert.Equal("fine\nabout to fail\n", result.Output);
        var steps = Steps(result);
        Assert.Equal(["succeeded", "failed", "skipped", "skipped"], steps.Select(s => s.GetProperty("status").GetString()));
        Assert.Equal(3, steps[1].GetProperty("exitCode").GetInt32());
        Assert.Equal("exit code 3", steps[1].GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, steps[2].GetProperty("exitCode").ValueKind);
        Assert.Equal(JsonValueKind.Null, steps[2].GetProperty("error").ValueKind);
        Assert.Equal(string.Empty, steps[2].GetProperty("output").GetString());
        Assert.False(File.Exists(Path.Combine(_directory, "never-ran")));
        Assert.False(File.Exists(Path.Combine(_directory, "nor-this-ran")));
    }

    [Fact]
    public async Task Details_are_exactly_the_documented_json()
    {
        Write("two.yaml", "steps: [ { id: a, command: 'printf \"<ok> é\"' }, { id: b, command: 'exit 1' }, { id: c, command: 'true' } ]");

        var result = await RunAsync("two.yaml");

        Assert.Equal(
            """{"steps":[{"id":"a","status":"succeeded","exitCode":0,"output":"<ok> é","error":null},{"id":"b","status":"failed","exitCode":1,"output":"","error":"exit code 1"},{"id":"c","status":"skipped","exitCode":null,"output":"","error":null}]}""",
            result.Details);
    }

    [Fact]
    public async Task Each_step_sees_the_payload_and_its_id_and_runs_in_the_file_folder()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "workflows"));
        Write("workflows/env.yaml", """
            steps:
              - id: inspect
                command: |
                  echo "got $WEBHOOK_PAYLOAD"
                  echo "$STEP_ID $WEBHOOK_RUN_ID"
                  pwd
            """);

        var result = await RunAsync("workflows/env.yaml", input: """{"branch":"main"}""");

        Assert.True(result.Succeeded, result.Error + result.Output);
        Assert.Equal($"got {{\"branch\":\"main\"}}\ninspect run-1\n{Path.Combine(_directory, "workflows")}\n", result.Output);
    }

    [Theory]
    [InlineData("steps: [ { id: a, command: 'echo hi' }", "invalid YAML")]
    [InlineData("- just a list", "a steps file must be a YAML mapping with 'steps'")]
    [InlineData("name: nothing", "'steps' must be a list of steps")]
    [InlineData("steps: []", "'steps' is empty: there is nothing to run")]
    [InlineData("steps: [ 'echo hi' ]", "step 1 must be a mapping with 'command'")]
    [InlineData("steps: [ { id: a } ]", "step 'a' has no 'command'")]
    [InlineData("steps: [ { id: a, command: '  ' } ]", "step 'a' has no 'command'")]
    [InlineData("steps: [ { id: a, command: 'true' }, { id: a, command: 'true' } ]", "step id 'a' is used twice")]
    public async Task A_bad_file_fails_the_run_with_an_error_naming_the_file_and_nothing_runs(string yaml, string problem)
    {
        var file = Write("bad.yaml", yaml);

        var result = await RunAsync("bad.yaml");

        Assert.False(result.Succeeded);
        Assert.StartsWith(file + ": ", result.Error);
        Assert.Contains(problem, result.Error);
        Assert.Empty(Steps(result));
    }

    [Fact]
    public async Task A_yaml_error_names_its_line()
    {
        var file = Write("line.yaml", "steps:\n  - id: a\n    command: echo hi\n  - id: b\n   command: broken indent\n");

        var result = await RunAsync("line.yaml");

        Assert.StartsWith($"{file}: line 5: invalid YAML: ", result.Error);
    }

    [Fact]
    public async Task A_missing_file_fails_the_run()
    {
        var result = await RunAsync("gone.yaml");

        Assert.False(result.Succeeded);
        Assert.Equal($"steps file '{Path.Combine(_directory, "gone.yaml")}' does not exist", result.Error);
        Assert.Empty(Steps(result));
    }

    [Fact]
    public async Task The_file_is_read_at_each_run()
    {
        Write("edited.yaml", "steps: [ { command: 'echo before' } ]");
        var action = Factory().Create(TestSettings.FromJson("""{ "file": "edited.yaml" }""", _directory));
        Assert.Equal("before\n", (await action.ExecuteAsync(Context(), CancellationToken.None)).Output);

        Write("edited.yaml", "steps: [ { command: 'echo after' } ]");

        Assert.Equal("after\n", (await action.ExecuteAsync(Context(), CancellationToken.None)).Output);
    }

    [Fact]
    public void The_file_resolves_against_the_configuration_folder()
    {
        var action = (StepsAction)Factory().Create(TestSettings.FromJson("""{ "file": "workflows/../workflows/a.yaml" }""", _directory));

        Assert.Equal(Path.Combine(_directory, "workflows", "a.yaml"), action.Path);
    }

    [Theory]
    [InlineData("""{ }""", "file")]
    [InlineData("""{ "file": "" }""", "file")]
    [InlineData("""{ "file": "a.yaml", "dag": "x" }""", "dag")]
    public void Bad_settings_name_the_key(string json, string key)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Factory().Create(TestSettings.FromJson(json, _directory)));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:{key}", error.Key);
    }

    [Fact]
    public void Without_the_command_action_a_steps_hook_cannot_be_built()
    {
        var factory = new StepsActionFactory(() => null);

        var error = Assert.Throws<PluginConfigurationException>(() => factory.Create(TestSettings.FromJson("""{ "file": "a.yaml" }""", _directory)));

        Assert.Contains("Actions.Command", error.Message);
        Assert.Equal("steps", factory.Type);
    }

    private string Write(string name, string yaml)
    {
        var file = Path.Combine(_directory, name);
        File.WriteAllText(file, yaml);
        return file;
    }

    private static StepsActionFactory Factory() => new(() => new CommandActionFactory());

    private Task<RunResult> RunAsync(string file, string input = "{}") =>
        Factory().Create(TestSettings.FromJson($$"""{ "file": "{{file}}" }""", _directory)).ExecuteAsync(Context(input), CancellationToken.None);

    private static RunContext Context(string input = "{}") =>
        new("run-1", "steps.test", "req-1", Guid.CreateVersion7(), 1, input, new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase), default);

    private static JsonElement[] Steps(RunResult result)
    {
        Assert.NotNull(result.Details);
        return [.. JsonDocument.Parse(result.Details).RootElement.GetProperty("steps").EnumerateArray()];
    }
}
