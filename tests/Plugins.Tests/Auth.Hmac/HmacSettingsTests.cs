using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Auth.Hmac;
using static Webhooks.Modular.Plugins.Tests.Auth.Hmac.HmacAuthenticators;

namespace Webhooks.Modular.Plugins.Tests.Auth.Hmac;

public sealed class HmacSettingsTests
{
    private const string GitHubSecret = "It's a Secret to Everybody";
    private const string GitHubBody = "Hello, World!";

    // docs.github.com, "Validating webhook deliveries": the published test values.
    private const string GitHubSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void Plugin_registers_the_hmac_scheme()
    {
        var services = new ServiceCollection();

        new HmacAuthPlugin().ConfigureServices(services, Context());

        using var provider = services.BuildServiceProvider();
        Assert.Equal("hmac", Assert.Single(provider.GetServices<IAuthSchemeFactory>()).Scheme);
    }

    [Fact]
    public async Task Plugin_uses_the_hosts_clock_when_one_is_registered()
    {
        // printf '%s' '1700000000.{"id":"evt_1","type":"charge.succeeded"}' | openssl dgst -sha256 -hmac 'whsec_stripe_test_secret'
        const string header = "t=1700000000,v1=fb22ffbfe8f82e398afe03ad6d385a59a0083f46bbd8b0ffad81467124cf7673";
        var services = new ServiceCollection().AddSingleton<TimeProvider>(ManualClock.AtUnixSeconds(1700000000));
        new HmacAuthPlugin().ConfigureServices(services, Context());
        using var provider = services.BuildServiceProvider();

        var authenticator = provider.GetRequiredService<IAuthSchemeFactory>()
            .Create(TestSettings.FromJson("""{ "preset": "stripe", "secrets": ["whsec_stripe_test_secret"] }"""));

        var expected = AuthResult.Success("secret#0") with { MessageId = "evt_1", ReplayableUntil = DateTimeOffset.FromUnixTimeSeconds(1700000000 + 300) };
        Assert.Equal(expected, await VerifyAsync(authenticator, """{"id":"evt_1","type":"charge.succeeded"}""", ("Stripe-Signature", header)));
    }

    [Theory]
    [InlineData("generic")]
    [InlineData("github")]
    [InlineData("stripe")]
    [InlineData("standard-webhooks")]
    [InlineData("slack")]
    public void Signature_headers_are_not_declared_as_credentials_so_stored_events_can_be_verified_again(string preset)
    {
        var header = preset == "generic" ? "\"header\": \"X-Signature\"," : string.Empty;
        var authenticator = Create($$"""{ "preset": "{{preset}}", {{header}} "secrets": ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"] }""");

        Assert.Empty(authenticator.CredentialHeaders);
        Assert.Empty(authenticator.CredentialQueryParameters);
        Assert.Null(authenticator.Challenge);
    }

    [Fact]
    public async Task Preset_name_is_case_insensitive()
    {
        var authenticator = Create($$"""{ "preset": "GitHub", "secrets": ["{{GitHubSecret}}"] }""");

        Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, GitHubBody, ("X-Hub-Signature-256", GitHubSignature)));
    }

    [Fact]
    public async Task Secret_from_an_environment_variable_is_resolved_and_trimmed()
    {
        var name = $"HMAC_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, GitHubSecret + "\n");
        try
        {
            var authenticator = Create($$"""{ "preset": "github", "secrets": ["env:{{name}}"] }""");

            Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, GitHubBody, ("X-Hub-Signature-256", GitHubSignature)));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task Secret_from_a_file_is_resolved_relative_to_the_configuration_folder_in_either_form()
    {
        var directory = Directory.CreateTempSubdirectory("hmac-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "github.secret"), GitHubSecret + "\n");
            var authenticator = new HmacAuthSchemeFactory(TimeProvider.System).Create(TestSettings.FromJson(
                """{ "preset": "github", "secrets": ["other", { "value": "file:github.secret", "expiresAt": "2999-01-01T00:00:00Z" }] }""", directory));

            Assert.Equal(AuthResult.Success("secret#1"), await VerifyAsync(authenticator, GitHubBody, ("X-Hub-Signature-256", GitHubSignature)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("""{ "preset": "nope", "secrets": ["s"] }""", "preset")]
    [InlineData("""{ "preset": "", "secrets": ["s"] }""", "preset")]
    [InlineData("""{ "secrets": ["s"] }""", "header")]
    [InlineData("""{ "header": " ", "secrets": ["s"] }""", "header")]
    [InlineData("""{ "header": "X Signature", "secrets": ["s"] }""", "header")]
    [InlineData("""{ "header": "X-Signature", "algorithm": "md5", "secrets": ["s"] }""", "algorithm")]
    [InlineData("""{ "header": "X-Signature", "encoding": "base32", "secrets": ["s"] }""", "encoding")]
    [InlineData("""{ "header": "X-Signature", "prefix": "sha 256=", "secrets": ["s"] }""", "prefix")]
    [InlineData("""{ "preset": "github", "header": "X-Other", "secrets": ["s"] }""", "header")]
    [InlineData("""{ "preset": "shopify", "encoding": "hex", "secrets": ["s"] }""", "encoding")]
    [InlineData("""{ "preset": "github", "toleranceSeconds": 10, "secrets": ["s"] }""", "toleranceSeconds")]
    [InlineData("""{ "preset": "stripe", "toleranceSeconds": 0, "secrets": ["s"] }""", "toleranceSeconds")]
    [InlineData("""{ "preset": "stripe", "toleranceSeconds": -5, "secrets": ["s"] }""", "toleranceSeconds")]
    [InlineData("""{ "preset": "slack", "toleranceSeconds": "ten", "secrets": ["s"] }""", "toleranceSeconds")]
    [InlineData("""{ "preset": "github" }""", "secrets")]
    [InlineData("""{ "preset": "github", "secrets": [] }""", "secrets")]
    [InlineData("""{ "preset": "github", "secrets": "single-string-not-a-list" }""", "secrets")]
    [InlineData("""{ "preset": "github", "secrets": { "value": "an-object-not-a-list" } }""", "secrets")]
    [InlineData("""{ "preset": "github", "secrets": ["ok", "   "] }""", "secrets:1")]
    [InlineData("""{ "preset": "github", "secrets": [{ "expiresAt": "2026-12-31T00:00:00Z" }] }""", "secrets:0:value")]
    [InlineData("""{ "preset": "github", "secrets": [{ "value": "s", "expiresAt": "soon" }] }""", "secrets:0:expiresAt")]
    [InlineData("""{ "preset": "github", "secrets": [{ "value": "s", "expires": "2026-12-31T00:00:00Z" }] }""", "secrets:0:expires")]
    [InlineData("""{ "preset": "github", "secrets": ["env:HMAC_TEST_SURELY_UNSET_7c2a"] }""", "secrets:0")]
    [InlineData("""{ "preset": "github", "secrets": ["file:no-such-file-7c2a.key"] }""", "secrets:0")]
    [InlineData("""{ "preset": "github", "secrets": ["ok", { "value": "env:HMAC_TEST_SURELY_UNSET_7c2a" }] }""", "secrets:1:value")]
    [InlineData("""{ "preset": "github", "secret": "s" }""", "secret")]
    [InlineData("""{ "preset": "standard-webhooks", "secrets": ["whsec_"] }""", "secrets:0")]
    [InlineData("""{ "preset": "github", "secretEnv": "HMAC_TEST_SURELY_UNSET_7c2a" }""", "secrets")]
    [InlineData("""{ "preset": "github", "secretEnv": "A=B" }""", "secretEnv")]
    [InlineData("""{ "preset": "github", "secretEnv": " " }""", "secretEnv")]
    public void Bad_settings_are_rejected_naming_the_key(string json, string key)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create(json));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:{key}", error.Key);
    }

    [Fact]
    public void Generic_preset_without_a_header_says_the_generic_preset_needs_one()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create("""{ "secrets": ["s"] }"""));

        Assert.Contains("generic", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_preset_error_lists_the_presets()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create("""{ "preset": "gitlab", "secrets": ["s"] }"""));

        Assert.Contains("standard-webhooks", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_for_an_unresolvable_secret_does_not_echo_other_secrets()
    {
        var error = Assert.Throws<PluginConfigurationException>(() =>
            Create("""{ "preset": "github", "secrets": ["literal-secret", "env:HMAC_TEST_SURELY_UNSET_7c2a"] }"""));

        Assert.DoesNotContain("literal-secret", error.Message, StringComparison.Ordinal);
    }

    private static PluginContext Context() => new("Auth.Hmac", new ConfigurationBuilder().Build(), Path.GetTempPath(), "plugins.json");
}
