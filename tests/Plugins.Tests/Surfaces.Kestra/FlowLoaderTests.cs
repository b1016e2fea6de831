using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Kestra.Flows;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Kestra;

public sealed class FlowLoaderTests : IDisposable
{
    private readonly FlowFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_documented_flows_are_read_in_kestras_shape()
    {
        var file = _folder.Write("webhook_flow.yml", SeedFlows.WebhookFlow);

        var flow = Loader().LoadFile(file);

        Assert.Equal(("webhook_flow", "company.team", 1, false), (flow.Id, flow.Namespace, flow.Revision, flow.Disabled));
        Assert.Equal(file, flow.File);
        var task = Assert.Single(flow.Tasks);
        Assert.Equal(("log_hello_world", KestraTypes.Log, FlowTaskKind.Log), (task.Id, task.Type, task.Kind));
        Assert.Equal(["Hello World! 🚀"], task.Messages);
        var trigger = Assert.Single(flow.Webhooks);
        Assert.Equal(("webhook", 0, SeedFlows.Key, false), (trigger.Id, trigger.Index, trigger.Key, trigger.Disabled));
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(SeedFlows.Key)), trigger.KeyHash);
        Assert.Equal("kestra.company.team.webhook_flow.webhook", trigger.HookName);
        Assert.Empty(trigger.Conditions);
    }

    [Fact]
    public void Conditions_keep_their_type_and_every_other_property_becomes_a_setting()
    {
        var flow = Loader().LoadFile(_folder.Write("condition.yml", SeedFlows.ConditionFlow));

        var condition = Assert.Single(Assert.Single(flow.Webhooks).Conditions);
        Assert.Equal("io.kestra.plugin.core.condition.ExpressionCondition", condition.Type);
        var settings = JsonDocument.Parse(condition.SettingsJson).RootElement;
        Assert.Equal("{{ trigger.body.hello == 'world' }}", Assert.Single(settings.EnumerateObject(), p => p.Name == "expression").Value.GetString());
        Assert.Single(settings.EnumerateObject());
    }

    [Fact]
    public void A_key_of_256_characters_is_accepted()
    {
        var key = new string('k', FlowLoader.MaxKeyLength);

        var flow = Loader().LoadFile(_folder.Write("keyed.yml", SeedFlows.WithKey(key)));

        Assert.Equal(key, Assert.Single(flow.Webhooks).Key);
    }

    [Fact]
    public void A_key_over_256_characters_is_an_error_naming_the_file_the_flow_the_trigger_and_the_key()
    {
        var key = new string('k', 257);
        var file = _folder.Write("keyed.yml", SeedFlows.WithKey(key));

        var error = Assert.Throws<PluginConfigurationException>(() => Loader().LoadFile(file));

        Assert.Equal(file, error.File);
        Assert.Equal("flow 'company.team.keyed' trigger 'hook'", error.Owner);
        Assert.Equal("triggers:0:key", error.Key);
        Assert.Equal("is 257 characters long; at most 256 are allowed", error.Problem);
        Assert.DoesNotContain(key, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_webhook_trigger_without_a_key_is_an_error()
    {
        var file = _folder.Write("nokey.yml", """
            id: nokey
            namespace: company.team
            tasks: [ { id: log, type: io.kestra.plugin.core.log.Log, message: hi } ]
            triggers:
              - id: webhook
                type: io.kestra.plugin.core.trigger.Webhook
            """);

        var error = Assert.Throws<PluginConfigurationException>(() => Loader().LoadFile(file));

        Assert.Equal(("flow 'company.team.nokey' trigger 'webhook'", "triggers:0:key", "is required"), (error.Owner, error.Key, error.Problem));
    }

    [Theory]
    [InlineData("a/b", "may not contain '/'")]
    [InlineData("{{ secret('KEY') }}", "templated keys are not supported")]
    [InlineData("   ", "is empty")]
    public void Keys_that_cannot_be_one_url_segment_are_errors(string key, string problem)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Loader().LoadFile(_folder.Write("keyed.yml", SeedFlows.WithKey(key))));

        Assert.Equal("triggers:0:key", error.Key);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void A_key_may_come_from_the_environment_or_a_file()
    {
        var variable = "KESTRA_TEST_KEY_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "from-the-environment");
        File.WriteAllText(Path.Combine(_folder.Path, "key.txt"), "from-a-file\n");
        try
        {
            var fromEnvironment = Loader().LoadFile(_folder.Write("env.yml", SeedFlows.WithKey($"env:{variable}")));
            var fromFile = Loader().LoadFile(_folder.Write("file.yml", SeedFlows.WithKey("file:key.txt")));

            Assert.Equal("from-the-environment", Assert.Single(fromEnvironment.Webhooks).Key);
            Assert.Equal("from-a-file", Assert.Single(fromFile.Webhooks).Key);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Invalid_yaml_is_an_error_naming_the_file_and_line()
    {
        var file = _folder.Write("broken.yml", "id: broken\nnamespace: company.team\ntasks: [ { id: a\n");

        var error = Assert.Throws<PluginConfigurationException>(() => Loader().LoadFile(file));

        Assert.Equal(file, error.File);
        Assert.StartsWith("line ", error.Key);
        Assert.StartsWith("invalid YAML: ", error.Problem);
    }

    [Theory]
    [InlineData("[1, 2]", "(document)")]
    [InlineData("namespace: company.team\ntasks: [ { id: a, type: io.kestra.plugin.core.log.Log, message: hi } ]", "id")]
    [InlineData("id: x\ntasks: [ { id: a, type: io.kestra.plugin.core.log.Log, message: hi } ]", "namespace")]
    [InlineData("id: x\nnamespace: Company.Team\ntasks: [ { id: a, type: io.kestra.plugin.core.log.Log, message: hi } ]", "namespace")]
    [InlineData("id: x y\nnamespace: company.team\ntasks: [ { id: a, type: io.kestra.plugin.core.log.Log, message: hi } ]", "id")]
    [InlineData("id: x\nnamespace: company.team", "tasks")]
    [InlineData("id: x\nnamespace: company.team\ntasks: []", "tasks")]
    [InlineData("id: x\nnamespace: company.team\nrevision: zero\ntasks: [ { id: a, type: io.kestra.plugin.core.log.Log, message: hi } ]", "revision")]
    [InlineData("id: x\nnamespace: company.team\ndisabled: maybe\ntasks: [ { id: a, type: io.kestra.plugin.core.log.Log, message: hi } ]", "disabled")]
    public void A_flow_needs_a_valid_id_namespace_and_tasks(string yaml, string key)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Loader().LoadFile(_folder.Write("flow.yml", yaml)));

        Assert.Equal(key, error.Key);
    }

    [Theory]
    [InlineData("{ id: a, type: io.kestra.plugin.core.flow.Parallel }", "tasks:0:type", "is not supported here")]
    [InlineData("{ id: a, type: io.kestra.plugin.core.log.Log }", "tasks:0:message", "is required")]
    [InlineData("{ id: a, type: io.kestra.plugin.scripts.shell.Commands }", "tasks:0:commands", "is required")]
    [InlineData("{ id: a, type: io.kestra.plugin.scripts.shell.Commands, commands: [ 'echo {{ trigger.body }}' ] }", "tasks:0:commands", "$WEBHOOK_PAYLOAD")]
    [InlineData("{ id: a, type: io.kestra.plugin.scripts.shell.Commands, commands: [ 'true' ], env: { WEBHOOK_PAYLOAD: x } }", "tasks:0:env:WEBHOOK_PAYLOAD", "reserved")]
    [InlineData("{ id: a, type: io.kestra.plugin.scripts.shell.Commands, commands: [ 'true' ], timeout: soon }", "tasks:0:timeout", "ISO-8601")]
    [InlineData("{ id: a, type: io.kestra.plugin.scripts.shell.Script }", "tasks:0:script", "is required")]
    public void Tasks_are_checked(string task, string key, string problem)
    {
        var error = Assert.Throws<PluginConfigurationException>(() =>
            Loader().LoadFile(_folder.Write("flow.yml", $"id: x\nnamespace: company.team\ntasks:\n  - {task}\n")));

        Assert.Equal(("flow 'company.team.x'", key), (error.Owner, error.Key));
        Assert.Contains(problem, error.Problem);
    }

    [Theory]
    [InlineData("message: \"Hello {{ trigger.body.name\"", "tasks:0:message", "column 7: '{{' is not closed by '}}'")]
    [InlineData("message: [ fine, \"{{ trigger.body.name == }}\" ]", "tasks:0:message:1", "column ")]
    public void A_log_message_that_does_not_parse_is_an_error_at_load(string message, string key, string problem)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Loader().LoadFile(_folder.Write("flow.yml",
            $"id: x\nnamespace: company.team\ntasks:\n  - id: log\n    type: io.kestra.plugin.core.log.Log\n    {message}\n")));

        Assert.Equal(("flow 'company.team.x'", key), (error.Owner, error.Key));
        Assert.StartsWith(problem, error.Problem);
    }

    [Theory]
    [InlineData("io.kestra.plugin.core.condition.ExpressionCondition")]
    [InlineData("expression")]
    public void An_expression_condition_that_does_not_parse_is_an_error_at_load_naming_the_flow_and_the_trigger(string type)
    {
        var file = _folder.Write("flow.yml", SeedFlows.ConditionFlow
            .Replace("io.kestra.plugin.core.condition.ExpressionCondition", type, StringComparison.Ordinal)
            .Replace("hello == 'world'", "hello ==", StringComparison.Ordinal));

        var error = Assert.Throws<PluginConfigurationException>(() => Loader().LoadFile(file));

        Assert.StartsWith(
            $"{file}: flow 'company.team.condition_based_webhook_flow' trigger 'webhook': 'triggers:0:conditions:0:expression': column ", error.Message);
        Assert.EndsWith("expected a value after '==', found the end of the expression", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Task_ids_are_unique()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Loader().LoadFile(_folder.Write("flow.yml", """
            id: x
            namespace: company.team
            tasks:
              - { id: a, type: io.kestra.plugin.core.log.Log, message: one }
              - { id: a, type: io.kestra.plugin.core.log.Log, message: two }
            """)));

        Assert.Equal("tasks:1:id", error.Key);
    }

    [Fact]
    public void Shell_tasks_become_one_fail_fast_script_with_their_environment_and_timeout()
    {
        var flow = Loader().LoadFile(_folder.Write("flow.yml", """
            id: x
            namespace: company.team
            tasks:
              - id: many
                type: io.kestra.plugin.scripts.shell.Commands
                commands:
                  - echo one
                  - echo two
                env: { GREETING: hello }
                timeout: PT1M30S
              - id: one
                type: io.kestra.plugin.scripts.shell.Script
                script: |
                  echo three
              - id: lines
                type: io.kestra.plugin.core.log.Log
                message: [ first, second ]
            """));

        Assert.Equal("set -e\necho one\necho two", flow.Tasks[0].Script);
        Assert.Equal(FlowTaskKind.Commands, flow.Tasks[0].Kind);
        Assert.Equal("hello", flow.Tasks[0].Environment["GREETING"]);
        Assert.Equal(90, flow.Tasks[0].TimeoutSeconds);
        Assert.Equal(("set -e\necho three\n", FlowTaskKind.Script), (flow.Tasks[1].Script, flow.Tasks[1].Kind));
        Assert.Null(flow.Tasks[1].TimeoutSeconds);
        Assert.Equal(["first", "second"], flow.Tasks[2].Messages);
    }

    [Fact]
    public void Only_webhook_triggers_are_served_and_other_triggers_are_ignored()
    {
        var flow = Loader().LoadFile(_folder.Write("flow.yml", """
            id: x
            namespace: company.team
            disabled: true
            revision: 4
            tasks: [ { id: a, type: io.kestra.plugin.core.log.Log, message: hi } ]
            triggers:
              - id: nightly
                type: io.kestra.plugin.core.trigger.Schedule
                cron: "0 0 * * *"
              - id: legacy
                type: io.kestra.core.models.triggers.types.Webhook
                key: first-key
                disabled: true
              - id: current
                type: io.kestra.plugin.core.trigger.Webhook
                key: second-key
            """));

        Assert.Equal((true, 4), (flow.Disabled, flow.Revision));
        Assert.Equal([("legacy", 1, true), ("current", 2, false)], flow.Webhooks.Select(w => (w.Id, w.Index, w.Disabled)));
    }

    [Theory]
    [InlineData("io.kestra.plugin.core.condition.MultipleCondition")]
    [InlineData("io.kestra.core.models.conditions.types.MultipleCondition")]
    public void MultipleCondition_is_refused_on_a_webhook_trigger(string type)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Loader().LoadFile(_folder.Write("flow.yml", $$"""
            id: x
            namespace: company.team
            tasks: [ { id: a, type: io.kestra.plugin.core.log.Log, message: hi } ]
            triggers:
              - id: webhook
                type: io.kestra.plugin.core.trigger.Webhook
                key: some-key
                conditions:
                  - type: {{type}}
            """)));

        Assert.Equal(("flow 'company.team.x' trigger 'webhook'", "triggers:0:conditions:0:type"), (error.Owner, error.Key));
        Assert.Contains("MultipleCondition", error.Problem);
    }

    [Fact]
    public void Two_triggers_of_a_flow_may_not_share_an_id_or_a_key()
    {
        const string header = """
            id: x
            namespace: company.team
            tasks: [ { id: a, type: io.kestra.plugin.core.log.Log, message: hi } ]
            triggers:

            """;

        var sameId = Assert.Throws<PluginConfigurationException>(() => Loader().LoadFile(_folder.Write("id.yml", header + """
              - { id: webhook, type: io.kestra.plugin.core.trigger.Webhook, key: one }
              - { id: webhook, type: io.kestra.plugin.core.trigger.Webhook, key: two }
            """)));
        var sameKey = Assert.Throws<PluginConfigurationException>(() => Loader().LoadFile(_folder.Write("key.yml", header + """
              - { id: first, type: io.kestra.plugin.core.trigger.Webhook, key: one }
              - { id: second, type: io.kestra.plugin.core.trigger.Webhook, key: one }
            """)));

        Assert.Equal("triggers:1:id", sameId.Key);
        Assert.Equal(("flow 'company.team.x' trigger 'second'", "triggers:1:key"), (sameKey.Owner, sameKey.Key));
    }

    [Fact]
    public void A_folder_is_read_with_its_sub_folders_yml_and_yaml_in_path_order()
    {
        _folder.Write("b.yml", SeedFlows.WebhookFlow);
        _folder.Write("team/a.yaml", SeedFlows.ConditionFlow);
        _folder.Write("notes.txt", "not a flow");
        _folder.Write(".hidden/c.yml", "not: [ a flow");

        var flows = Loader().LoadDirectory(_folder.Path);

        Assert.Equal(["webhook_flow", "condition_based_webhook_flow"], flows.Select(f => f.Id));
    }

    [Fact]
    public void A_flow_defined_twice_is_an_error_naming_both_files()
    {
        var first = _folder.Write("a.yml", SeedFlows.WebhookFlow);
        var second = _folder.Write("b.yml", SeedFlows.WebhookFlow);

        var error = Assert.Throws<PluginConfigurationException>(() => Loader().LoadDirectory(_folder.Path));

        Assert.Equal(second, error.File);
        Assert.Contains(first, error.Problem);
    }

    [Fact]
    public void Hook_names_fit_the_engines_limit()
    {
        Assert.Equal("kestra.company.team.webhook_flow.webhook", FlowIds.HookName("company.team", "webhook_flow", "webhook"));

        var longName = FlowIds.HookName(new string('n', 150), new string('f', 100), "webhook");
        var other = FlowIds.HookName(new string('n', 150), new string('f', 100), "other");

        Assert.Equal(FlowIds.MaxHookNameLength, longName.Length);
        Assert.StartsWith("kestra.fff", longName);
        Assert.NotEqual(longName, other);
        Assert.Matches("^[A-Za-z0-9_.-]{1,100}$", longName);
    }

    private FlowLoader Loader() => new(_folder.Path, KestraTestTemplates.Renderer);
}
