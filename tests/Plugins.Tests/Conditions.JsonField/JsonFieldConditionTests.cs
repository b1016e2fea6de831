using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Conditions.JsonField;

namespace Webhooks.Modular.Plugins.Tests.Conditions.JsonField;

public sealed class JsonFieldConditionTests
{
    private const string PullRequest = """
        {
          "action": "opened",
          "number": 42,
          "draft": false,
          "merged_at": null,
          "pull_request": { "head": { "ref": "feature/x" }, "labels": [ { "name": "bug" }, { "name": "urgent" } ] },
          "items": [ { "id": 7 }, { "id": 8 } ]
        }
        """;

    [Fact]
    public void Plugin_registers_the_json_field_condition()
    {
        var services = new ServiceCollection();
        var context = new PluginContext("Conditions.JsonField", new ConfigurationBuilder().Build(), Path.GetTempPath(), "plugins.json");

        new JsonFieldConditionPlugin().ConfigureServices(services, context);

        using var provider = services.BuildServiceProvider();
        Assert.Equal("json-field", Assert.Single(provider.GetServices<ITriggerConditionFactory>()).Type);
    }

    [Theory]
    [InlineData("""{ "path": "action", "equals": "opened" }""", true)]
    [InlineData("""{ "path": "action", "equals": "closed" }""", false)]
    [InlineData("""{ "path": "action", "equals": "Opened" }""", false)]
    [InlineData("""{ "path": "number", "equals": "42" }""", true)]
    [InlineData("""{ "path": "number", "equals": 42 }""", true)]
    [InlineData("""{ "path": "number", "equals": "42.0" }""", false)]
    [InlineData("""{ "path": "draft", "equals": "false" }""", true)]
    [InlineData("""{ "path": "draft", "equals": false }""", true)]
    [InlineData("""{ "path": "draft", "equals": "true" }""", false)]
    [InlineData("""{ "path": "merged_at", "equals": "null" }""", true)]
    [InlineData("""{ "path": "pull_request.head.ref", "equals": "feature/x" }""", true)]
    [InlineData("""{ "path": "pull_request.head.ref", "equals": "main" }""", false)]
    [InlineData("""{ "path": "items.1.id", "equals": "8" }""", true)]
    [InlineData("""{ "path": "items.0.id", "equals": "8" }""", false)]
    [InlineData("""{ "path": "pull_request.labels.1.name", "equals": "urgent" }""", true)]
    [InlineData("""{ "path": "items.2.id", "equals": "8" }""", false)]
    [InlineData("""{ "path": "items.-1.id", "equals": "8" }""", false)]
    [InlineData("""{ "path": "action.length", "equals": "6" }""", false)]
    [InlineData("""{ "path": "missing", "equals": "" }""", false)]
    public async Task Equals_compares_the_text_of_the_field(string settings, bool expected)
    {
        Assert.Equal(expected, await IsMetAsync(settings, PullRequest));
    }

    [Theory]
    [InlineData("""{ "path": "action", "in": ["opened", "reopened"] }""", true)]
    [InlineData("""{ "path": "action", "in": ["closed", "reopened"] }""", false)]
    [InlineData("""{ "path": "number", "in": [41, 42] }""", true)]
    [InlineData("""{ "path": "draft", "in": ["true"] }""", false)]
    [InlineData("""{ "path": "nope.deeper", "in": ["opened"] }""", false)]
    public async Task In_holds_when_the_field_is_one_of_the_values(string settings, bool expected)
    {
        Assert.Equal(expected, await IsMetAsync(settings, PullRequest));
    }

    [Theory]
    [InlineData("""{ "path": "pull_request.head.ref", "exists": true }""", true)]
    [InlineData("""{ "path": "pull_request.head.sha", "exists": true }""", false)]
    [InlineData("""{ "path": "pull_request.head.sha", "exists": false }""", true)]
    [InlineData("""{ "path": "merged_at", "exists": true }""", true)]
    [InlineData("""{ "path": "items.1", "exists": "true" }""", true)]
    [InlineData("""{ "path": "items.5", "exists": false }""", true)]
    public async Task Exists_checks_whether_the_field_is_present(string settings, bool expected)
    {
        Assert.Equal(expected, await IsMetAsync(settings, PullRequest));
    }

    [Theory]
    [InlineData("""{ "path": "action", "equals": "opened" }""", false)]
    [InlineData("""{ "path": "action", "in": ["opened"] }""", false)]
    [InlineData("""{ "path": "action", "exists": true }""", false)]
    [InlineData("""{ "path": "action", "exists": false }""", true)]
    public async Task Body_that_is_not_json_only_meets_exists_false(string settings, bool expected)
    {
        Assert.Equal(expected, await IsMetAsync(settings, "action=opened"));
        Assert.Equal(expected, await IsMetAsync(settings, ""));
    }

    [Fact]
    public async Task Path_into_a_scalar_root_is_missing()
    {
        Assert.False(await IsMetAsync("""{ "path": "action", "equals": "opened" }""", "\"opened\""));
    }

    [Theory]
    [InlineData("""{ "equals": "opened" }""", "path")]
    [InlineData("""{ "path": "", "equals": "opened" }""", "path")]
    [InlineData("""{ "path": "pull_request..ref", "equals": "x" }""", "path")]
    [InlineData("""{ "path": ".action", "equals": "x" }""", "path")]
    [InlineData("""{ "path": "action" }""", "equals")]
    [InlineData("""{ "path": "action", "equals": "opened", "in": ["opened"] }""", "in")]
    [InlineData("""{ "path": "action", "equals": "opened", "exists": true }""", "exists")]
    [InlineData("""{ "path": "action", "in": ["opened"], "exists": true }""", "exists")]
    [InlineData("""{ "path": "action", "in": [] }""", "in")]
    [InlineData("""{ "path": "action", "in": "opened" }""", "in")]
    [InlineData("""{ "path": "action", "in": [["nested"]] }""", "in")]
    [InlineData("""{ "path": "action", "equals": { "a": "b" } }""", "equals")]
    [InlineData("""{ "path": "action", "exists": "maybe" }""", "exists")]
    public void Bad_settings_are_rejected_naming_the_key(string settings, string key)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => new JsonFieldConditionFactory().Create(TestSettings.FromJson(settings)));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:{key}", error.Key);
    }

    private static async Task<bool> IsMetAsync(string settings, string body)
    {
        var condition = new JsonFieldConditionFactory().Create(TestSettings.FromJson(settings));
        return await condition.IsMetAsync(Requests.With(body), CancellationToken.None);
    }
}
