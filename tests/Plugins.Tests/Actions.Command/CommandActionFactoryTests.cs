using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Actions.Command;

namespace Webhooks.Modular.Plugins.Tests.Actions.Command;

public sealed class CommandActionFactoryTests
{
    [Fact]
    public void Plugin_registers_the_command_action_factory()
    {
        var services = new ServiceCollection();
        var context = new PluginContext("Actions.Command", new ConfigurationBuilder().Build(), Path.GetTempPath(), "plugins.json");

        new CommandActionPlugin().ConfigureServices(services, context);

        using var provider = services.BuildServiceProvider();
        var factory = Assert.Single(provider.GetServices<IRunActionFactory>());
        Assert.Equal("command", factory.Type);
    }

    [Fact]
    public void Defaults_apply_when_only_the_command_is_given()
    {
        var options = CommandActionFactory.ReadOptions(TestSettings.FromJson("""{ "command": "true" }"""));

        Assert.Equal(300, options.TimeoutSeconds);
        Assert.Equal(65536, options.MaxOutputBytes);
        Assert.Empty(options.Headers);
        Assert.Empty(options.Environment);
        Assert.Equal(Path.GetFullPath(Path.GetTempPath()), options.WorkingDirectory + Path.DirectorySeparatorChar);
    }

    [Theory]
    [InlineData("""{ }""", "command")]
    [InlineData("""{ "command": "" }""", "command")]
    [InlineData("""{ "command": "   " }""", "command")]
    [InlineData("""{ "command": "true", "timeoutSeconds": 0 }""", "timeoutSeconds")]
    [InlineData("""{ "command": "true", "timeoutSeconds": "soon" }""", "timeoutSeconds")]
    [InlineData("""{ "command": "true", "maxOutputBytes": -1 }""", "maxOutputBytes")]
    [InlineData("""{ "command": "true", "workingDirectory": "does-not-exist-7f3a" }""", "workingDirectory")]
    [InlineData("""{ "command": "true", "headers": ["X-Event", " "] }""", "headers")]
    [InlineData("""{ "command": "true", "environment": { "WEBHOOK_PAYLOAD": "x" } }""", "environment:WEBHOOK_PAYLOAD")]
    [InlineData("""{ "command": "true", "environment": { "NESTED": { "A": "b" } } }""", "environment:NESTED")]
    public void Bad_settings_are_rejected_naming_the_key(string json, string key)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => new CommandActionFactory().Create(TestSettings.FromJson(json)));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:{key}", error.Key);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_headers_are_dropped_from_the_allow_list()
    {
        var options = CommandActionFactory.ReadOptions(TestSettings.FromJson("""{ "command": "true", "headers": ["AUTHORIZATION", "Cookie", "X-Event", "x-event"] }"""));

        Assert.Equal(["X-Event"], options.Headers);
    }
}
