using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Auth.ApiKey;

namespace Webhooks.Modular.Plugins.Tests.Auth.ApiKey;

public sealed class ApiKeyAuthenticatorTests
{
    [Fact]
    public void Plugin_registers_the_api_key_scheme()
    {
        var services = new ServiceCollection();
        var context = new PluginContext("Auth.ApiKey", new ConfigurationBuilder().Build(), Path.GetTempPath(), "plugins.json");

        new ApiKeyAuthPlugin().ConfigureServices(services, context);

        using var provider = services.BuildServiceProvider();
        Assert.Equal("api-key", Assert.Single(provider.GetServices<IAuthSchemeFactory>()).Scheme);
    }

    [Fact]
    public async Task Right_key_in_the_default_header_is_accepted_with_its_index_as_subject()
    {
        var authenticator = Create("""{ "keys": ["first-key", "second-key"] }""");

        var result = await AuthenticateAsync(authenticator, Requests.WithHeader("x-api-key", "second-key"));

        Assert.Equal(AuthResult.Success("key#1"), result);
    }

    [Fact]
    public async Task Right_key_in_a_configured_header_is_accepted_and_surrounding_spaces_do_not_matter()
    {
        var authenticator = Create("""{ "header": "X-Hook-Token", "keys": ["  padded-key  "] }""");

        var result = await AuthenticateAsync(authenticator, Requests.WithHeader("X-Hook-Token", " padded-key"));

        Assert.Equal(AuthResult.Success("key#0"), result);
    }

    [Fact]
    public async Task Right_key_in_the_configured_query_parameter_is_accepted()
    {
        var authenticator = Create("""{ "query": "api_key", "keys": ["query-key"] }""");

        var result = await AuthenticateAsync(authenticator, Requests.WithQuery("api_key", "query-key"));

        Assert.Equal(AuthResult.Success("key#0"), result);
    }

    [Fact]
    public async Task Query_parameter_is_not_accepted_unless_configured()
    {
        var authenticator = Create("""{ "keys": ["query-key"] }""");

        var result = await AuthenticateAsync(authenticator, Requests.WithQuery("api_key", "query-key"));

        Assert.Equal(AuthResult.Fail("missing header X-API-Key"), result);
    }

    [Fact]
    public async Task Wrong_key_is_rejected_as_unknown()
    {
        var authenticator = Create("""{ "keys": ["right-key"] }""");

        var result = await AuthenticateAsync(authenticator, Requests.WithHeader("X-API-Key", "right-kez"));

        Assert.Equal(AuthResult.Fail("unknown key"), result);
    }

    [Fact]
    public async Task Missing_key_is_rejected_naming_the_header()
    {
        var authenticator = Create("""{ "keys": ["right-key"] }""");

        var result = await AuthenticateAsync(authenticator, Requests.WithHeader("X-Other", "right-key"));

        Assert.Equal(AuthResult.Fail("missing header X-API-Key"), result);
    }

    [Fact]
    public async Task Empty_header_counts_as_missing_and_names_the_query_parameter_too()
    {
        var authenticator = Create("""{ "query": "token", "keys": ["right-key"] }""");

        var result = await AuthenticateAsync(authenticator, Requests.WithHeader("X-API-Key", "  "));

        Assert.Equal(AuthResult.Fail("missing header X-API-Key and query parameter token"), result);
    }

    [Fact]
    public async Task Key_from_an_environment_variable_is_resolved()
    {
        var name = $"API_KEY_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "from-the-environment\n");
        try
        {
            var authenticator = Create($$"""{ "keys": ["env:{{name}}"] }""");

            Assert.Equal(AuthResult.Success("key#0"), await AuthenticateAsync(authenticator, Requests.WithHeader("X-API-Key", "from-the-environment")));
            Assert.Equal(AuthResult.Fail("unknown key"), await AuthenticateAsync(authenticator, Requests.WithHeader("X-API-Key", $"env:{name}")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task Key_from_a_file_is_resolved_relative_to_the_configuration_folder()
    {
        var directory = Directory.CreateTempSubdirectory("api-key-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "hook.key"), "from-a-file\n");
            var authenticator = new ApiKeyAuthSchemeFactory().Create(TestSettings.FromJson("""{ "keys": ["file:hook.key"] }""", directory));

            Assert.Equal(AuthResult.Success("key#0"), await AuthenticateAsync(authenticator, Requests.WithHeader("X-API-Key", "from-a-file")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Credential_header_and_query_parameter_are_declared_for_redaction()
    {
        var withQuery = Create("""{ "header": "X-Token", "query": "token", "keys": ["k"] }""");
        var withoutQuery = Create("""{ "keys": ["k"] }""");

        Assert.Equal(["X-Token"], withQuery.CredentialHeaders);
        Assert.Equal(["token"], withQuery.CredentialQueryParameters);
        Assert.Equal(["X-API-Key"], withoutQuery.CredentialHeaders);
        Assert.Empty(withoutQuery.CredentialQueryParameters);
        Assert.Null(withoutQuery.Challenge);
    }

    [Theory]
    [InlineData("""{ }""", "keys")]
    [InlineData("""{ "keys": [] }""", "keys")]
    [InlineData("""{ "keys": "single-string-not-a-list" }""", "keys")]
    [InlineData("""{ "keys": ["ok", "   "] }""", "keys:1")]
    [InlineData("""{ "keys": ["env:API_KEY_TEST_SURELY_UNSET_3e1f"] }""", "keys:0")]
    [InlineData("""{ "keys": ["file:no-such-file-3e1f.key"] }""", "keys:0")]
    [InlineData("""{ "header": " ", "keys": ["k"] }""", "header")]
    [InlineData("""{ "header": "X Bad", "keys": ["k"] }""", "header")]
    [InlineData("""{ "query": "", "keys": ["k"] }""", "query")]
    public void Bad_settings_are_rejected_naming_the_key(string json, string key)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create(json));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:{key}", error.Key);
    }

    [Fact]
    public void Error_for_an_unresolvable_key_does_not_echo_other_keys()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create("""{ "keys": ["literal-secret", "env:API_KEY_TEST_SURELY_UNSET_3e1f"] }"""));

        Assert.DoesNotContain("literal-secret", error.Message, StringComparison.Ordinal);
    }

    private static IInboundAuthenticator Create(string json) => new ApiKeyAuthSchemeFactory().Create(TestSettings.FromJson(json));

    private static async Task<AuthResult> AuthenticateAsync(IInboundAuthenticator authenticator, WebhookRequest request) =>
        await authenticator.AuthenticateAsync(request, CancellationToken.None);
}
