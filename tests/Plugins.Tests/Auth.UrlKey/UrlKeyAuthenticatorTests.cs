using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Auth.UrlKey;

namespace Webhooks.Modular.Plugins.Tests.Auth.UrlKey;

public sealed class UrlKeyAuthenticatorTests
{
    private const string Key = "k3y-in-the-url_0123456789";

    [Fact]
    public void Plugin_registers_the_url_key_scheme()
    {
        var services = new ServiceCollection();
        var context = new PluginContext("Auth.UrlKey", new ConfigurationBuilder().Build(), Path.GetTempPath(), "plugins.json");

        new UrlKeyAuthPlugin().ConfigureServices(services, context);

        using var provider = services.BuildServiceProvider();
        Assert.Equal("url-key", Assert.Single(provider.GetServices<IAuthSchemeFactory>()).Scheme);
    }

    [Fact]
    public async Task Right_key_in_the_route_is_accepted()
    {
        var authenticator = Create($$"""{ "key": "{{Key}}" }""");

        var result = await AuthenticateAsync(authenticator, WithRoute(("key", Key)));

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("k3y-in-the-url_0123456788")]
    [InlineData("k3y-in-the-url_012345678")]
    [InlineData("k3y-in-the-url_01234567890")]
    [InlineData("K3Y-IN-THE-URL_0123456789")]
    public async Task Wrong_key_is_rejected(string presented)
    {
        var authenticator = Create($$"""{ "key": "{{Key}}" }""");

        var result = await AuthenticateAsync(authenticator, WithRoute(("key", presented)));

        Assert.Equal(AuthResult.Fail("wrong key"), result);
    }

    [Fact]
    public async Task Missing_key_route_value_is_rejected_as_missing()
    {
        var authenticator = Create($$"""{ "key": "{{Key}}" }""");

        var result = await AuthenticateAsync(authenticator, WithRoute(("name", TestSettings.HookName)));

        Assert.Equal(AuthResult.Fail("missing key in URL"), result);
    }

    [Fact]
    public async Task Blank_key_route_value_counts_as_missing()
    {
        var authenticator = Create($$"""{ "key": "{{Key}}" }""");

        var result = await AuthenticateAsync(authenticator, WithRoute(("key", "   ")));

        Assert.Equal(AuthResult.Fail("missing key in URL"), result);
    }

    [Fact]
    public async Task Surrounding_spaces_in_the_setting_and_the_url_do_not_matter()
    {
        var authenticator = Create($$"""{ "key": "  {{Key}}\t" }""");

        var result = await AuthenticateAsync(authenticator, WithRoute(("key", $" {Key}  ")));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Configured_route_value_is_where_the_key_is_read_from()
    {
        var authenticator = Create($$"""{ "key": "{{Key}}", "routeValue": "token" }""");

        Assert.True((await AuthenticateAsync(authenticator, WithRoute(("token", Key)))).Succeeded);
        Assert.Equal(AuthResult.Fail("missing key in URL"), await AuthenticateAsync(authenticator, WithRoute(("key", Key))));
    }

    [Fact]
    public async Task Key_from_an_environment_variable_is_resolved()
    {
        var name = $"URL_KEY_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "from-the-environment\n");
        try
        {
            var authenticator = Create($$"""{ "key": "env:{{name}}" }""");

            Assert.True((await AuthenticateAsync(authenticator, WithRoute(("key", "from-the-environment")))).Succeeded);
            Assert.Equal(AuthResult.Fail("wrong key"), await AuthenticateAsync(authenticator, WithRoute(("key", $"env:{name}"))));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task Key_from_a_file_is_resolved_relative_to_the_configuration_folder()
    {
        var directory = Directory.CreateTempSubdirectory("url-key-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "hook.key"), "from-a-file\n");
            var authenticator = new UrlKeyAuthSchemeFactory().Create(TestSettings.FromJson("""{ "key": "file:hook.key" }""", directory));

            Assert.True((await AuthenticateAsync(authenticator, WithRoute(("key", "from-a-file")))).Succeeded);
            Assert.Equal(AuthResult.Fail("wrong key"), await AuthenticateAsync(authenticator, WithRoute(("key", "file:hook.key"))));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Key_of_256_characters_is_accepted()
    {
        var key = new string('a', 256);
        var authenticator = Create($$"""{ "key": "{{key}}" }""");

        Assert.True((await AuthenticateAsync(authenticator, WithRoute(("key", key)))).Succeeded);
    }

    [Fact]
    public void Key_of_257_characters_is_a_settings_error_naming_key_without_echoing_it()
    {
        var key = new string('b', 257);

        var error = Assert.Throws<PluginConfigurationException>(() => Create($$"""{ "key": "{{key}}" }"""));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:key", error.Key);
        Assert.Contains("256", error.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ }""", "key")]
    [InlineData("""{ "key": "" }""", "key")]
    [InlineData("""{ "key": "   " }""", "key")]
    [InlineData("""{ "key": "has/a-slash" }""", "key")]
    [InlineData("""{ "key": "env:URL_KEY_TEST_SURELY_UNSET_7c2d" }""", "key")]
    [InlineData("""{ "key": "file:no-such-file-7c2d.key" }""", "key")]
    [InlineData("""{ "key": "k", "routeValue": "" }""", "routeValue")]
    [InlineData("""{ "key": "k", "routeValue": "two words" }""", "routeValue")]
    [InlineData("""{ "key": "k", "routeValue": "name" }""", "routeValue")]
    public void Bad_settings_are_rejected_naming_the_key(string json, string key)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create(json));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:{key}", error.Key);
    }

    [Fact]
    public void No_header_or_query_parameter_is_declared_and_there_is_no_challenge()
    {
        var authenticator = Create($$"""{ "key": "{{Key}}" }""");

        Assert.Empty(authenticator.CredentialHeaders);
        Assert.Empty(authenticator.CredentialQueryParameters);
        Assert.Null(authenticator.Challenge);
    }

    private static IInboundAuthenticator Create(string json) => new UrlKeyAuthSchemeFactory().Create(TestSettings.FromJson(json));

    private static WebhookRequest WithRoute(params (string Name, string Value)[] values) =>
        new()
        {
            RequestId = "req-1",
            HookName = TestSettings.HookName,
            Method = "POST",
            Path = $"/hooks/{TestSettings.HookName}",
            Body = Encoding.UTF8.GetBytes("{}"),
            RouteValues = values.ToDictionary(v => v.Name, v => v.Value, StringComparer.OrdinalIgnoreCase),
        };

    private static async Task<AuthResult> AuthenticateAsync(IInboundAuthenticator authenticator, WebhookRequest request) =>
        await authenticator.AuthenticateAsync(request, CancellationToken.None);
}
