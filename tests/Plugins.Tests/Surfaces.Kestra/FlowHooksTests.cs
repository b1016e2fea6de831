using System.Text.Json.Nodes;
using Webhooks.Modular.Surfaces.Kestra.Flows;
using Webhooks.Modular.Surfaces.Kestra.Hooks;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Kestra;

public sealed class FlowHooksTests : IDisposable
{
    private readonly FlowFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_webhook_trigger_is_a_hook_of_the_kestra_surface_with_url_key_auth_its_conditions_and_the_flow_action()
    {
        var flow = new FlowLoader(_folder.Path, KestraTestTemplates.Renderer).LoadFile(_folder.Write("condition.yml", SeedFlows.ConditionFlow));

        var hook = FlowHooks.Definition(flow, flow.Webhooks[0], 4096);

        Assert.Equal("kestra.company.team.condition_based_webhook_flow.webhook", (string?)hook["name"]);
        Assert.Equal("kestra", (string?)hook["surface"]);
        Assert.Equal(["GET", "POST", "PUT"], hook["methods"]!.AsArray().Select(m => (string?)m));
        Assert.Equal(4096, (long?)hook["maxBodyBytes"]);
        Assert.True((bool?)hook["enabled"]);
        Assert.Equal("url-key", (string?)hook["auth"]!["scheme"]);
        Assert.Equal(SeedFlows.Key, (string?)hook["auth"]!["settings"]!["key"]);
        Assert.Equal("key", (string?)hook["auth"]!["settings"]!["routeValue"]);
        var condition = Assert.Single(hook["conditions"]!.AsArray())!;
        Assert.Equal("io.kestra.plugin.core.condition.ExpressionCondition", (string?)condition["type"]);
        Assert.Equal("{{ trigger.body.hello == 'world' }}", (string?)condition["settings"]!["expression"]);
        Assert.Equal("kestra-flow", (string?)hook["action"]!["type"]);
        Assert.Equal(flow.File, (string?)hook["action"]!["settings"]!["flow"]);
    }

    [Theory]
    [InlineData("disabled: true", "", false)]
    [InlineData("", "    disabled: true", false)]
    [InlineData("disabled: false", "    disabled: false", true)]
    public void A_hook_is_disabled_when_its_flow_or_its_trigger_is(string flowLine, string triggerLine, bool enabled)
    {
        var flow = new FlowLoader(_folder.Path, KestraTestTemplates.Renderer).LoadFile(_folder.Write("flow.yml", $$"""
            id: x
            namespace: company.team
            {{flowLine}}
            tasks: [ { id: a, type: io.kestra.plugin.core.log.Log, message: hi } ]
            triggers:
              - id: webhook
                type: io.kestra.plugin.core.trigger.Webhook
                key: some-key
            {{triggerLine}}
            """));

        Assert.Equal(enabled, (bool?)FlowHooks.Definition(flow, flow.Webhooks[0], 1)["enabled"]);
    }

    [Theory]
    [InlineData("hook:conditions:0:settings:expression", "triggers:2:conditions:0:expression")]
    [InlineData("hook:conditions:1:type", "triggers:2:conditions:1:type")]
    [InlineData("hook:auth:settings:key", "triggers:2:key")]
    [InlineData("hook:action:settings:flow", "triggers:2")]
    public void Engine_errors_are_located_in_the_flow_file(string hookKey, string flowKey)
    {
        var trigger = new WebhookTrigger("webhook", 2, "k", [], false, [], "kestra.a.b.webhook");

        Assert.Equal(flowKey, FlowHooks.FlowKey(hookKey, trigger));
    }
}
