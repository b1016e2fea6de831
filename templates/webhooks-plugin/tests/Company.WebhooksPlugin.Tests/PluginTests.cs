using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Plugins;

namespace Company.WebhooksPlugin.Tests;

/// <summary>The plugin as the host uses it: ConfigureServices into a container, then the factories from it.</summary>
public sealed class PluginTests
{
    [Fact]
    public async Task Registers_its_scheme_and_an_action_that_echoes_the_input_with_the_plugin_prefix()
    {
        using var provider = Configure(("prefix", "got"));

        Assert.Contains(provider.GetServices<IAuthSchemeFactory>(), f => f.Scheme == Plugin.Scheme);
        var factory = Assert.Single(provider.GetServices<IRunActionFactory>(), f => f.Type == Plugin.ActionType);
        var action = factory.Create(Settings.For("hooks:0:action", ("label", "orders-in")));
        var result = await action.ExecuteAsync(
            new RunContext("run-1", "orders", "req-1", Guid.NewGuid(), 1, """{"id":1}""", new Dictionary<string, string[]>(), default),
            CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal("""got orders-in: {"id":1}""", result.Output);
    }

    [Fact]
    public void Too_long_prefix_is_a_start_up_error_naming_the_setting()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Configure(("prefix", new string('x', 101))));

        Assert.Equal("settings:prefix", error.Key);
    }

    private static ServiceProvider Configure(params (string Key, string Value)[] settings)
    {
        var section = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug));
        new Plugin().ConfigureServices(services, new PluginContext("Company.WebhooksPlugin", section, AppContext.BaseDirectory, "plugins.json"));
        return services.BuildServiceProvider();
    }
}
