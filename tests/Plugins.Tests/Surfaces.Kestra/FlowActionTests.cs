using System.Text.Json;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Actions.Command;
using Webhooks.Modular.Surfaces.Kestra.Flows;
using Webhooks.Modular.Surfaces.Kestra.Runs;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Kestra;

/// <summary>The <c>kestra-flow</c> action over the real command action and <c>/bin/sh</c>.</summary>
public sealed class FlowActionTests : IDisposable
{
    private const string Input = """{"body":{"name":"Ada"},"headers":{"X-Event":["push"]},"parameters":{"source":["test"]}}""";

    private readonly FlowFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_log_task_renders_its_message_with_the_trigger_flow_execution_and_task_variables()
    {
        Flow("""
            - id: greet
              type: io.kestra.plugin.core.log.Log
              message: "Hello {{ trigger.body.name }} ({{ trigger.headers['X-Event'][0] }}) in {{ flow.namespace }}.{{ flow.id }}, {{ execution.id }}/{{ task.id }}"
            """);

        var result = await RunAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("Hello Ada (push) in company.team.x, exec-1/greet\n", result.Output);
        var task = Assert.Single(Tasks(result));
        Assert.Equal(("greet", KestraTypes.Log, "SUCCESS"), (task.GetProperty("id").GetString(), task.GetProperty("type").GetString(), task.GetProperty("state").GetString()));
        Assert.Equal("Hello Ada (push) in company.team.x, exec-1/greet\n", task.GetProperty("output").GetString());
        Assert.False(task.TryGetProperty("exitCode", out _));
    }

    [Fact]
    public async Task A_path_that_leads_nowhere_renders_as_nothing_and_values_render_as_json()
    {
        Flow("""
            - id: log
              type: io.kestra.plugin.core.log.Log
              message: "[{{ trigger.body.missing }}] {{ trigger.body }} {{ trigger.parameters.source }} {{ trigger.body.name == 'Ada' }}"
            """);

        var result = await RunAsync();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("""[] {"name":"Ada"} ["test"] true""" + "\n", result.Output);
    }

    [Fact]
    public async Task A_message_that_cannot_be_rendered_fails_its_task()
    {
        Flow("""
            - id: log
              type: io.kestra.plugin.core.log.Log
              message: "{{ trigger.body.name < 1 }}"
            - id: never
              type: io.kestra.plugin.core.log.Log
              message: never
            """);

        var result = await RunAsync();

        Assert.False(result.Succeeded);
        Assert.StartsWith("task 'log' failed: cannot render the message: {{ trigger.body.name < 1 }}: column ", result.Error);
        var task = Assert.Single(Tasks(result));
        Assert.Equal("FAILED", task.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_shell_task_sees_the_trigger_variables_and_the_execution_in_its_environment()
    {
        Flow("""
            - id: inspect
              type: io.kestra.plugin.scripts.shell.Commands
              env: { GREETING: hello }
              commands:
                - echo "$WEBHOOK_PAYLOAD"
                - echo "$KESTRA_NAMESPACE $KESTRA_FLOW_ID $KESTRA_EXECUTION_ID $KESTRA_TASK_ID $GREETING"
            """);

        var result = await RunAsync();

        Assert.True(result.Succeeded, result.Error + result.Output);
        Assert.Equal($"{Input}\ncompany.team x exec-1 inspect hello\n", result.Output);
        var task = Assert.Single(Tasks(result));
        Assert.Equal(("SUCCESS", 0), (task.GetProperty("state").GetString(), task.GetProperty("exitCode").GetInt32()));
    }

    [Fact]
    public async Task The_first_failing_task_stops_the_execution_and_later_tasks_never_start()
    {
        var marker = Path.Combine(_folder.Path, "never-ran");
        Flow($"""
            - id: first
              type: io.kestra.plugin.core.log.Log
              message: starting
            - id: broken
              type: io.kestra.plugin.scripts.shell.Script
              script: |
                echo about to fail
                exit 3
            - id: never
              type: io.kestra.plugin.scripts.shell.Commands
              commands: [ "touch '{marker}'" ]
            """);

        var result = await RunAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("task 'broken' failed: exit code 3", result.Error);
        Assert.Equal("starting\nabout to fail\n", result.Output);
        var tasks = Tasks(result);
        Assert.Equal([("first", "SUCCESS"), ("broken", "FAILED")], tasks.Select(t => (t.GetProperty("id").GetString(), t.GetProperty("state").GetString())));
        Assert.Equal("exit code 3", tasks[1].GetProperty("error").GetString());
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Commands_fail_fast_as_in_kestra()
    {
        Flow("""
            - id: commands
              type: io.kestra.plugin.scripts.shell.Commands
              commands: [ "echo before", "false", "echo after" ]
            """);

        var result = await RunAsync();

        Assert.False(result.Succeeded);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("before\n", result.Output);
    }

    [Fact]
    public async Task Each_shell_task_runs_in_a_working_folder_of_its_own_that_is_removed_afterwards()
    {
        var record = Path.Combine(_folder.Path, "folders.txt");
        Flow($"""
            - id: one
              type: io.kestra.plugin.scripts.shell.Commands
              commands: [ "pwd >> '{record}'", "touch leftover" ]
            - id: two
              type: io.kestra.plugin.scripts.shell.Commands
              commands: [ "pwd >> '{record}'", "ls" ]
            """);

        var result = await RunAsync();

        Assert.True(result.Succeeded, result.Error + result.Output);
        Assert.DoesNotContain("leftover", result.Output);
        var folders = File.ReadAllLines(record);
        Assert.Equal(2, folders.Distinct().Count());
        Assert.All(folders, folder =>
        {
            Assert.StartsWith(FlowActionFactory.WorkRoot, folder);
            Assert.False(Directory.Exists(folder));
        });
    }

    [Fact]
    public void A_flow_with_shell_tasks_needs_the_command_action_and_a_log_only_flow_does_not()
    {
        Flow("""
            - { id: log, type: io.kestra.plugin.core.log.Log, message: hi }
            """);
        var logOnly = FactoryWithoutCommands().Create(Settings());
        Assert.NotNull(logOnly);

        Flow("""
            - { id: shell, type: io.kestra.plugin.scripts.shell.Commands, commands: [ "true" ] }
            """);
        var error = Assert.Throws<PluginConfigurationException>(() => FactoryWithoutCommands().Create(Settings()));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:flow", error.Key);
        Assert.Contains("Actions.Command", error.Problem);
        Assert.Equal("kestra-flow", Factory().Type);
    }

    [Fact]
    public void A_missing_flow_file_is_an_error_on_the_flow_setting()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Factory().Create(TestSettings.FromJson("""{ "flow": "gone.yml" }""", _folder.Path)));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:flow", error.Key);
        Assert.Contains("gone.yml", error.Problem);
    }

    private void Flow(string tasks) =>
        _folder.Write("flow.yml", "id: x\nnamespace: company.team\ntasks:\n" + string.Join('\n', tasks.Split('\n').Select(line => "  " + line)) + "\n");

    private ComponentSettings Settings() =>
        TestSettings.FromJson("""{ "flow": "flow.yml" }""", _folder.Path);

    private FlowActionFactory Factory() => new(new FlowLoader(_folder.Path, KestraTestTemplates.Renderer), KestraTestTemplates.Renderer, () => new CommandActionFactory());

    private FlowActionFactory FactoryWithoutCommands() => new(new FlowLoader(_folder.Path, KestraTestTemplates.Renderer), KestraTestTemplates.Renderer, () => null);

    private Task<RunResult> RunAsync() =>
        Factory().Create(Settings()).ExecuteAsync(
            new RunContext("exec-1", "kestra.company.team.x.webhook", "req-1", Guid.CreateVersion7(), 1, Input, new Dictionary<string, string[]>(), default),
            CancellationToken.None);

    private static JsonElement[] Tasks(RunResult result)
    {
        Assert.NotNull(result.Details);
        return [.. JsonDocument.Parse(result.Details).RootElement.GetProperty("tasks").EnumerateArray()];
    }
}
