using System.Text;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Danube.Configuration;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Danube;

public sealed class DanubeOptionsTests : IDisposable
{
    private const string Catalog = """ "events": ["workflow.completed", "workflow.failed"] """;
    private const string KeyVariable = "DANUBE_OPTIONS_TEST_KEY";

    private readonly string _folder = Directory.CreateTempSubdirectory("danube-options-").FullName;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(KeyVariable, null);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Only_the_catalogue_is_required_and_the_rest_has_defaults()
    {
        var options = DanubeOptions.FromSettings(Context($$"""{ {{Catalog}} }"""));

        Assert.Equal(["workflow.completed", "workflow.failed"], options.Events.All);
        Assert.True(options.Events.Contains("workflow.failed"));
        Assert.False(options.Events.Contains("workflow.started"));
        Assert.False(options.AllowHttp);
        Assert.Equal(0, options.ApiKeys.Count);
        Assert.Equal(TimeSpan.FromHours(24), options.RotationGrace);
        Assert.Same(RetryPolicy.Exponential, options.Retry);
    }

    [Fact]
    public void Every_setting_is_read()
    {
        Environment.SetEnvironmentVariable(KeyVariable, "env-key-0123456789abcdef");
        File.WriteAllText(Path.Combine(_folder, "api-key.txt"), "file-key-0123456789abcdef\n");

        var options = DanubeOptions.FromSettings(Context($$"""
            { {{Catalog}},
              "allowHttp": true,
              "apiKeys": ["env:{{KeyVariable}}", "file:api-key.txt"],
              "rotationGraceHours": 1.5,
              "retry": { "kind": "fixed", "maxRetries": 3, "delaySeconds": 60 } }
            """));

        Assert.True(options.AllowHttp);
        Assert.Equal(2, options.ApiKeys.Count);
        Assert.Equal(1, options.ApiKeys.Find("env-key-0123456789abcdef"));
        Assert.Equal(2, options.ApiKeys.Find("file-key-0123456789abcdef")); // trimmed, as every file secret
        Assert.Null(options.ApiKeys.Find("env-key-0123456789abcdeF"));
        Assert.Equal(TimeSpan.FromMinutes(90), options.RotationGrace);
        Assert.Equal(RetryPolicy.Fixed(3, 60), options.Retry);
    }

    [Theory]
    [InlineData("""{ "kind": "none" }""", "none", 0, 0, null)]
    [InlineData("""{ "kind": "exponential" }""", "exponential", 7, 0, "5,300,1800,7200,18000,36000,36000")]
    [InlineData("""{ "kind": "exponential", "scheduleSeconds": [1, 10, 0] }""", "exponential", 3, 0, "1,10,0")]
    [InlineData("""{ "kind": "fixed", "maxRetries": 100, "delaySeconds": 1 }""", "fixed", 100, 1, null)]
    public void The_retry_policy_is_configurable(string retry, string kind, int maxRetries, int delaySeconds, string? schedule)
    {
        var options = DanubeOptions.FromSettings(Context($$"""{ {{Catalog}}, "retry": {{retry}} }"""));

        Assert.Equal(kind, options.Retry.Kind);
        Assert.Equal(maxRetries, options.Retry.MaxRetries);
        Assert.Equal(delaySeconds, options.Retry.DelaySeconds);
        Assert.Equal(schedule, options.Retry.ScheduleSeconds is null ? null : string.Join(",", options.Retry.ScheduleSeconds));
    }

    [Theory]
    [InlineData("{}", "settings:events", "is required")]
    [InlineData("""{ "events": [] }""", "settings:events", "is required")]
    [InlineData("""{ "events": "workflow.failed" }""", "settings:events", "must be a list of event types")]
    [InlineData("""{ "events": ["workflow.failed", { "name": "x" }] }""", "settings:events:1", "must be a string")]
    [InlineData("""{ "events": ["workflow.failed", ""] }""", "settings:events:1", "'' is not an event type")]
    [InlineData("""{ "events": ["workflow.*"] }""", "settings:events:0", "'workflow.*' is not an event type")]
    [InlineData("""{ "events": ["workflow..failed"] }""", "settings:events:0", "is not an event type")]
    [InlineData("""{ "events": ["workflow failed"] }""", "settings:events:0", "is not an event type")]
    [InlineData("""{ "events": ["a", "b", "a"] }""", "settings:events:2", "'a' is listed more than once")]
    [InlineData("""{ "events": ["a"], "allowHttp": "yes" }""", "settings:allowHttp", "'yes' is not true or false")]
    [InlineData("""{ "events": ["a"], "apiKeys": "env:X" }""", "settings:apiKeys", "must be a list of secret references")]
    [InlineData("""{ "events": ["a"], "apiKeys": ["literal-key-0123456789"] }""", "settings:apiKeys:0", "not the key itself")]
    [InlineData("""{ "events": ["a"], "apiKeys": [""] }""", "settings:apiKeys:0", "must be a secret reference")]
    [InlineData("""{ "events": ["a"], "apiKeys": ["env:DANUBE_OPTIONS_TEST_UNSET_VARIABLE"] }""", "settings:apiKeys:0", "environment variable 'DANUBE_OPTIONS_TEST_UNSET_VARIABLE' is not set")]
    [InlineData("""{ "events": ["a"], "apiKeys": ["file:missing-key.txt"] }""", "settings:apiKeys:0", "does not exist")]
    [InlineData("""{ "events": ["a"], "rotationGraceHours": "soon" }""", "settings:rotationGraceHours", "'soon' is not a number of hours")]
    [InlineData("""{ "events": ["a"], "rotationGraceHours": -1 }""", "settings:rotationGraceHours", "is not a number of hours from 0 to 8760")]
    [InlineData("""{ "events": ["a"], "rotationGraceHours": 9000 }""", "settings:rotationGraceHours", "is not a number of hours from 0 to 8760")]
    [InlineData("""{ "events": ["a"], "retry": "exponential" }""", "settings:retry", "must be an object")]
    [InlineData("""{ "events": ["a"], "retry": { "maxRetries": 3 } }""", "settings:retry:kind", "is required")]
    [InlineData("""{ "events": ["a"], "retry": { "kind": "linear" } }""", "settings:retry:kind", "'linear' is not a retry kind")]
    [InlineData("""{ "events": ["a"], "retry": { "kind": "fixed", "delaySeconds": 5 } }""", "settings:retry:maxRetries", "is required")]
    [InlineData("""{ "events": ["a"], "retry": { "kind": "fixed", "maxRetries": 0, "delaySeconds": 5 } }""", "settings:retry:maxRetries", "'0' is not a whole number from 1 to 100")]
    [InlineData("""{ "events": ["a"], "retry": { "kind": "fixed", "maxRetries": 3 } }""", "settings:retry:delaySeconds", "is required")]
    [InlineData("""{ "events": ["a"], "retry": { "kind": "fixed", "maxRetries": 3, "delaySeconds": 1.5 } }""", "settings:retry:delaySeconds", "'1.5' is not a whole number")]
    [InlineData("""{ "events": ["a"], "retry": { "kind": "none", "maxRetries": 3 } }""", "settings:retry:maxRetries", "not a setting of the 'none' retry kind")]
    [InlineData("""{ "events": ["a"], "retry": { "kind": "exponential", "delaySeconds": 3 } }""", "settings:retry:delaySeconds", "not a setting of the 'exponential' retry kind")]
    [InlineData("""{ "events": ["a"], "retry": { "kind": "exponential", "scheduleSeconds": [5, -1] } }""", "settings:retry:scheduleSeconds:1", "'-1' is not a whole number")]
    [InlineData("""{ "events": ["a"], "retry": { "kind": "exponential", "scheduleSeconds": 5 } }""", "settings:retry:scheduleSeconds", "must be a list of delays")]
    [InlineData("""{ "events": ["a"], "allowHTTP": true }""", "settings:allowHTTP", "unknown setting")]
    public void Bad_settings_name_the_key(string json, string key, string problem)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => DanubeOptions.FromSettings(Context(json)));

        Assert.Equal(key, error.Key);
        Assert.Contains(problem, error.Problem);
        Assert.Contains("Surfaces.Danube", error.Message);
    }

    [Fact]
    public void An_api_key_shorter_than_16_characters_is_refused()
    {
        Environment.SetEnvironmentVariable(KeyVariable, "short-key");

        var error = Assert.Throws<PluginConfigurationException>(() => DanubeOptions.FromSettings(Context($$"""{ {{Catalog}}, "apiKeys": ["env:{{KeyVariable}}"] }""")));

        Assert.Equal("settings:apiKeys:0", error.Key);
        Assert.Contains("at least 16 characters", error.Problem);
        Assert.DoesNotContain("short-key", error.Message);
    }

    private PluginContext Context(string json) =>
        new("Surfaces.Danube", new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build(), _folder, Path.Combine(_folder, "plugins.json"));
}
