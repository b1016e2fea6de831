using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Conditions.Expression;
using Webhooks.Modular.Conditions.Expression.Variables;

namespace Webhooks.Modular.Plugins.Tests.Conditions.Expression;

public sealed class ExpressionConditionTests
{
    private const string PullRequest = """
        { "action": "opened", "number": 42, "pull_request": { "draft": false, "labels": [ { "name": "bug" } ] } }
        """;

    [Fact]
    public void Plugin_registers_the_expression_condition_and_its_kestra_alias()
    {
        var services = new ServiceCollection().AddLogging();
        var context = new PluginContext("Conditions.Expression", new ConfigurationBuilder().Build(), Path.GetTempPath(), "plugins.json");

        new ExpressionConditionPlugin().ConfigureServices(services, context);

        using var provider = services.BuildServiceProvider();
        Assert.Equal(
            new[] { "expression", "io.kestra.plugin.core.condition.ExpressionCondition" },
            provider.GetServices<ITriggerConditionFactory>().Select(f => f.Type).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{{ trigger.body.action == 'opened' }}", true)]
    [InlineData("trigger.body.action == 'opened'", true)]
    [InlineData("body.action == 'opened'", true)]
    [InlineData("body.action in ['closed', 'reopened']", false)]
    [InlineData("trigger.body.number >= 42 and not trigger.body.pull_request.draft", true)]
    [InlineData("trigger.body.pull_request.labels[0].name == 'bug'", true)]
    [InlineData("trigger.body.pull_request.merged_at == null", true)]
    public async Task Condition_holds_over_a_json_object_body(string expression, bool expected)
    {
        Assert.Equal(expected, await IsMetAsync(expression, Requests.With(PullRequest)));
    }

    [Theory]
    [InlineData("trigger.body[0].id == 1", true)]
    [InlineData("body[1].id == 2", true)]
    [InlineData("trigger.body[2] == null", true)]
    [InlineData("trigger.body.id == null", true)]
    public async Task Condition_holds_over_a_json_array_body(string expression, bool expected)
    {
        Assert.Equal(expected, await IsMetAsync(expression, Requests.With("""[ { "id": 1 }, { "id": 2 } ]""")));
    }

    [Theory]
    [InlineData("plain text", "trigger.body == 'plain text'", true)]
    [InlineData("plain text", "body contains 'text'", true)]
    [InlineData("plain text", "trigger.body.anything == null", true)]
    [InlineData("{ not json", "trigger.body startsWith '{'", true)]
    [InlineData("42", "trigger.body == '42'", true)]
    [InlineData("\"quoted\"", "trigger.body == '\"quoted\"'", true)]
    [InlineData("true", "trigger.body == 'true'", true)]
    [InlineData("", "trigger.body == null and body == null", true)]
    public async Task A_body_that_is_not_a_json_object_or_array_is_its_text(string body, string expression, bool expected)
    {
        Assert.Equal(expected, await IsMetAsync(expression, Requests.With(body)));
    }

    [Theory]
    [InlineData("trigger.headers['X-Kind'][0] == 'a'", true)]
    [InlineData("trigger.headers['x-kind'][0] == 'a'", true)]
    [InlineData("trigger.headers['X-Kind'][1] == 'b'", true)]
    [InlineData("trigger.headers['X-Kind'] contains 'b'", true)]
    [InlineData("trigger.headers contains 'X-KIND'", true)]
    [InlineData("trigger.headers['X-Other'] == null", true)]
    [InlineData("trigger.parameters.page[0] == '2'", true)]
    [InlineData("trigger.parameters['page'][0] > '10'", true)]
    [InlineData("trigger.parameters.tag contains 'y'", true)]
    public async Task Headers_and_query_parameters_are_lists_of_values(string expression, bool expected)
    {
        var request = Requests.With(
            headers: new() { ["X-Kind"] = ["a", "b"] },
            query: new() { ["page"] = ["2"], ["tag"] = ["x", "y"] });

        Assert.Equal(expected, await IsMetAsync(expression, request));
    }

    [Fact]
    public async Task Header_names_match_whatever_case_the_sender_used()
    {
        // HTTP/2 lowercases every header name; a hook written with X-Kind still matches.
        var request = Requests.WithHeader("x-kind", "a");

        Assert.True(await IsMetAsync("trigger.headers['X-Kind'][0] == 'a'", request));
    }

    [Fact]
    public async Task Kestra_alias_type_builds_the_same_condition()
    {
        var factory = new ExpressionConditionFactory(ExpressionConditionFactory.KestraType, NullLogger<ExpressionCondition>.Instance);
        var condition = factory.Create(TestSettings.FromJson("""{ "expression": "{{ trigger.body.action == 'opened' }}" }"""));

        Assert.Equal("io.kestra.plugin.core.condition.ExpressionCondition", factory.Type);
        Assert.True(await condition.IsMetAsync(Requests.With(PullRequest), CancellationToken.None));
    }

    [Fact]
    public void Syntax_error_is_a_load_error_naming_the_hook_the_key_and_the_column()
    {
        var settings = TestSettings.FromJson("""{ "expression": "trigger.body.hello ==" }""");

        var error = Assert.Throws<PluginConfigurationException>(() => Factory().Create(settings));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:expression", error.Key);
        Assert.Equal($"hook '{TestSettings.HookName}'", error.Owner);
        Assert.Equal("column 22: expected a value after '==', found the end of the expression", error.Problem);
    }

    [Theory]
    [InlineData("""{ }""")]
    [InlineData("""{ "expression": "" }""")]
    [InlineData("""{ "expression": { "nested": "x" } }""")]
    public void Missing_expression_is_a_load_error_naming_the_key(string json)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Factory().Create(TestSettings.FromJson(json)));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:expression", error.Key);
        Assert.Equal("is required", error.Problem);
    }

    [Fact]
    public async Task Evaluation_error_does_not_hold_and_is_logged_without_the_values()
    {
        var logger = new ListLogger<ExpressionCondition>();
        var condition = Factory(logger).Create(TestSettings.FromJson("""{ "expression": "trigger.body.token < 5" }"""));

        var met = await condition.IsMetAsync(Requests.With("""{ "token": "s3cr3t-value" }"""), CancellationToken.None);

        Assert.False(met);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(5001, entry.EventId);
        Assert.Equal(
            "Hook demo: the expression condition trigger.body.token < 5 could not be evaluated, so it does not hold: column 20: '<' orders two numbers or two strings, not a string and a number",
            entry.Message);
        Assert.DoesNotContain("s3cr3t", entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trigger.body.action", "a string")]
    [InlineData("trigger.body.number", "a number")]
    [InlineData("trigger.body.missing", "null")]
    [InlineData("trigger.body", "an object")]
    public async Task A_value_that_is_not_a_boolean_does_not_hold_and_is_logged(string expression, string kind)
    {
        var logger = new ListLogger<ExpressionCondition>();
        var condition = Factory(logger).Create(TestSettings.FromJson($$"""{ "expression": "{{expression}}" }"""));

        Assert.False(await condition.IsMetAsync(Requests.With(PullRequest), CancellationToken.None));

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(5002, entry.EventId);
        Assert.Contains($"gave {kind} instead of true or false", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conditions_that_hold_log_nothing()
    {
        var logger = new ListLogger<ExpressionCondition>();
        var condition = Factory(logger).Create(TestSettings.FromJson("""{ "expression": "body.action == 'closed'" }"""));

        Assert.False(await condition.IsMetAsync(Requests.With(PullRequest), CancellationToken.None));
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task Several_conditions_share_one_request()
    {
        var request = Requests.With(PullRequest);
        var first = Factory().Create(TestSettings.FromJson("""{ "expression": "body.action == 'opened'" }"""));
        var second = Factory().Create(TestSettings.FromJson("""{ "expression": "body.number == 42" }"""));

        Assert.True(await first.IsMetAsync(request, CancellationToken.None));
        Assert.True(await second.IsMetAsync(request, CancellationToken.None));
        Assert.True(await first.IsMetAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task A_body_nested_as_deep_as_the_request_parser_allows_is_reachable()
    {
        var depth = 64;
        var body = string.Concat(Enumerable.Repeat("""{"a":""", depth - 1)) + "[1]" + new string('}', depth - 1);
        var path = "trigger.body" + string.Concat(Enumerable.Repeat(".a", depth - 1)) + "[0] == 1";
        var request = Requests.With(body);

        Assert.NotNull(request.Json);
        Assert.True(await IsMetAsync(path, request));
    }

    [Fact]
    public void Request_variables_are_shaped_as_kestra_shapes_them()
    {
        var request = Requests.With("""{ "a": 1 }""", headers: new() { ["X-Kind"] = ["a"] }, query: new() { ["page"] = ["2"] });

        var root = RequestVariables.Create(request);

        Assert.Equal(
            """{"trigger":{"body":{ "a": 1 },"headers":{"X-Kind":["a"]},"parameters":{"page":["2"]}},"body":{ "a": 1 }}""",
            root.GetRawText());
    }

    private static ExpressionConditionFactory Factory(ILogger<ExpressionCondition>? logger = null) =>
        new(ExpressionConditionFactory.ExpressionType, logger ?? NullLogger<ExpressionCondition>.Instance);

    private static async Task<bool> IsMetAsync(string expression, WebhookRequest request)
    {
        var condition = Factory().Create(TestSettings.FromJson($$"""{ "expression": {{System.Text.Json.JsonSerializer.Serialize(expression)}} }"""));
        return await condition.IsMetAsync(request, CancellationToken.None);
    }
}
