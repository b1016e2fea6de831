using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Plugins;

namespace Samples.Greeting.Tests;

/// <summary>The plugin as the host drives it: ConfigureServices into a container, factories from it, one hook's settings.</summary>
public sealed class GreetingPluginTests
{
    [Fact]
    public async Task Hook_with_the_right_word_is_accepted_and_greeted()
    {
        using var services = Configure(("salutation", "hey"));
        var scheme = services.GetServices<IAuthSchemeFactory>().Single(f => f.Scheme == "greeting");
        var action = services.GetServices<IRunActionFactory>().Single(f => f.Type == "greet");

        var authenticator = scheme.Create(Settings("hooks:0:auth", ("word", "open-sesame")));
        var accepted = await authenticator.AuthenticateAsync(Request("open-sesame"), CancellationToken.None);
        var refused = await authenticator.AuthenticateAsync(Request("sesame"), CancellationToken.None);
        var result = await action.Create(Settings("hooks:0:action")).ExecuteAsync(Run("""{"name":"Ada"}"""), CancellationToken.None);

        Assert.True(accepted.Succeeded);
        Assert.Equal("wrong greeting", refused.FailureReason);
        Assert.Equal("hey, Ada", result.Output);
    }

    [Fact]
    public void Missing_setting_is_a_start_up_error_naming_the_key()
    {
        var pluginError = Assert.Throws<PluginConfigurationException>(() => Configure());
        var hookError = Assert.Throws<PluginConfigurationException>(() => new GreetingSchemeFactory().Create(Settings("hooks:0:auth")));

        Assert.Equal("settings:salutation", pluginError.Key);
        Assert.Equal("hooks:0:auth:settings:word", hookError.Key);
    }

    private static ServiceProvider Configure(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection().AddLogging();
        new GreetingPlugin().ConfigureServices(services, new PluginContext("Greeting", Section(settings), AppContext.BaseDirectory, "plugins.json"));
        return services.BuildServiceProvider();
    }

    private static ComponentSettings Settings(string path, params (string Key, string Value)[] settings) =>
        new("greet", path, Section(settings), AppContext.BaseDirectory, "plugins.json");

    private static IConfiguration Section((string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static WebhookRequest Request(string word) => new()
    {
        RequestId = "req-1",
        HookName = "greet",
        Method = "POST",
        Headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { ["X-Greeting"] = [word] },
        Body = Encoding.UTF8.GetBytes("""{"name":"Ada"}"""),
    };

    private static RunContext Run(string input) =>
        new("run-1", "greet", "req-1", Guid.NewGuid(), Attempt: 1, input, new Dictionary<string, string[]>(), Encoding.UTF8.GetBytes(input));
}
