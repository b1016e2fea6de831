using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Auth.Basic;

namespace Webhooks.Modular.Plugins.Tests.Auth.Basic;

public sealed class BasicAuthenticatorTests
{
    private const string TwoUsers = """
        { "users": [
            { "username": "alice", "password": "alice-password" },
            { "username": "bob", "password": "bob:has:colons" } ] }
        """;

    // Password hashing is slow by design; the common configuration is built once for the tests that only read it.
    private static readonly Lazy<IInboundAuthenticator> Shared = new(() => Create(TwoUsers));

    [Fact]
    public void Plugin_registers_the_basic_scheme()
    {
        var services = new ServiceCollection();
        var context = new PluginContext("Auth.Basic", new ConfigurationBuilder().Build(), Path.GetTempPath(), "plugins.json");

        new BasicAuthPlugin().ConfigureServices(services, context);

        using var provider = services.BuildServiceProvider();
        Assert.Equal("basic", Assert.Single(provider.GetServices<IAuthSchemeFactory>()).Scheme);
    }

    [Fact]
    public async Task Right_credentials_are_accepted_with_the_username_as_subject()
    {
        var result = await AuthenticateAsync(Shared.Value, Basic("alice", "alice-password"));

        Assert.Equal(AuthResult.Success("alice"), result);
    }

    [Fact]
    public async Task Each_user_is_checked_against_their_own_password()
    {
        Assert.Equal(AuthResult.Success("bob"), await AuthenticateAsync(Shared.Value, Basic("bob", "bob:has:colons")));
        Assert.Equal(AuthResult.Fail("wrong password"), await AuthenticateAsync(Shared.Value, Basic("bob", "alice-password")));
    }

    [Fact]
    public async Task Password_containing_colons_is_split_at_the_first_colon_only()
    {
        var result = await AuthenticateAsync(Shared.Value, Header("Basic " + Base64("bob:bob:has:colons")));

        Assert.Equal(AuthResult.Success("bob"), result);
    }

    [Fact]
    public async Task Wrong_password_is_rejected()
    {
        var result = await AuthenticateAsync(Shared.Value, Basic("alice", "alice-passwore"));

        Assert.Equal(AuthResult.Fail("wrong password"), result);
    }

    [Fact]
    public async Task Empty_password_is_a_wrong_password()
    {
        var result = await AuthenticateAsync(Shared.Value, Basic("alice", string.Empty));

        Assert.Equal(AuthResult.Fail("wrong password"), result);
    }

    [Theory]
    [InlineData("mallory")]
    [InlineData("Alice")]
    [InlineData("alice ")]
    [InlineData("")]
    public async Task Unknown_user_is_rejected_even_with_a_known_password(string username)
    {
        var result = await AuthenticateAsync(Shared.Value, Basic(username, "alice-password"));

        Assert.Equal(AuthResult.Fail("unknown user"), result);
    }

    [Fact]
    public async Task Missing_header_is_rejected_as_missing()
    {
        Assert.Equal(AuthResult.Fail("missing Authorization header"), await AuthenticateAsync(Shared.Value, Request(null)));
        Assert.Equal(AuthResult.Fail("missing Authorization header"), await AuthenticateAsync(Shared.Value, Header("   ")));
    }

    [Theory]
    [InlineData("Bearer YWxpY2U6YWxpY2UtcGFzc3dvcmQ=")]
    [InlineData("Digest username=\"alice\"")]
    [InlineData("BasicYWxpY2U6YWxpY2UtcGFzc3dvcmQ=")]
    public async Task Other_scheme_is_rejected_as_not_basic(string header)
    {
        var result = await AuthenticateAsync(Shared.Value, Header(header));

        Assert.Equal(AuthResult.Fail("not Basic"), result);
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("BASIC")]
    [InlineData("bAsIc")]
    public async Task Scheme_name_is_case_insensitive(string scheme)
    {
        var result = await AuthenticateAsync(Shared.Value, Header($"{scheme} {Base64("alice:alice-password")}"));

        Assert.Equal(AuthResult.Success("alice"), result);
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("Basic ")]
    [InlineData("Basic not*base64!")]
    [InlineData("Basic YWxpY2U6YWxpY2UtcGFzc3dvcmQ")]
    [InlineData("Basic YWxpY2U6 YWxpY2UtcGFzc3dvcmQ=")]
    public async Task Malformed_base64_is_rejected(string header)
    {
        var result = await AuthenticateAsync(Shared.Value, Header(header));

        Assert.Equal(AuthResult.Fail("malformed Basic credentials"), result);
    }

    [Fact]
    public async Task Credentials_without_a_colon_are_rejected_as_malformed()
    {
        var result = await AuthenticateAsync(Shared.Value, Header("Basic " + Base64("alicealice-password")));

        Assert.Equal(AuthResult.Fail("malformed Basic credentials"), result);
    }

    [Fact]
    public async Task Credentials_that_are_not_utf8_are_rejected_as_malformed()
    {
        var bytes = Encoding.UTF8.GetBytes("alice:alice-password").Append((byte)0xFF).ToArray();

        var result = await AuthenticateAsync(Shared.Value, Header("Basic " + Convert.ToBase64String(bytes)));

        Assert.Equal(AuthResult.Fail("malformed Basic credentials"), result);
    }

    [Fact]
    public async Task Credentials_with_control_characters_are_rejected_as_malformed()
    {
        var result = await AuthenticateAsync(Shared.Value, Basic("alice", "alice-password\n"));

        Assert.Equal(AuthResult.Fail("malformed Basic credentials"), result);
    }

    [Fact]
    public async Task Two_authorization_headers_are_rejected_as_malformed()
    {
        var right = "Basic " + Base64("alice:alice-password");

        var result = await AuthenticateAsync(Shared.Value, Request([right, right]));

        Assert.Equal(AuthResult.Fail("malformed Basic credentials"), result);
    }

    [Fact]
    public async Task Non_ascii_credentials_are_read_as_utf8()
    {
        var authenticator = Create("""{ "users": [ { "username": "zoë", "password": "pâss-wörd" } ] }""");

        var result = await AuthenticateAsync(authenticator, Basic("zoë", "pâss-wörd"));

        Assert.Equal(AuthResult.Success("zoë"), result);
    }

    [Fact]
    public async Task Precomputed_password_hash_verifies()
    {
        var hash = new PasswordHasher<object>().HashPassword(new object(), "hashed-beforehand");
        var authenticator = Create($$"""{ "users": [ { "username": "carol", "passwordHash": "{{hash}}" } ] }""");

        Assert.Equal(AuthResult.Success("carol"), await AuthenticateAsync(authenticator, Basic("carol", "hashed-beforehand")));
        Assert.Equal(AuthResult.Fail("wrong password"), await AuthenticateAsync(authenticator, Basic("carol", hash)));
    }

    [Fact]
    public async Task Hash_that_needs_rehashing_still_counts_as_success()
    {
        var weaker = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
        var hash = weaker.HashPassword(new object(), "old-hash");
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, new PasswordHasher<object>().VerifyHashedPassword(new object(), hash, "old-hash"));
        var authenticator = Create($$"""{ "users": [ { "username": "dave", "passwordHash": "{{hash}}" } ] }""");

        var result = await AuthenticateAsync(authenticator, Basic("dave", "old-hash"));

        Assert.Equal(AuthResult.Success("dave"), result);
    }

    [Fact]
    public async Task Password_from_an_environment_variable_is_resolved()
    {
        var name = $"BASIC_PASSWORD_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "from-the-environment");
        try
        {
            var authenticator = Create($$"""{ "users": [ { "username": "erin", "password": "env:{{name}}" } ] }""");

            Assert.Equal(AuthResult.Success("erin"), await AuthenticateAsync(authenticator, Basic("erin", "from-the-environment")));
            Assert.Equal(AuthResult.Fail("wrong password"), await AuthenticateAsync(authenticator, Basic("erin", $"env:{name}")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public async Task Password_from_a_file_is_resolved_relative_to_the_configuration_folder()
    {
        var directory = Directory.CreateTempSubdirectory("basic-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "frank.password"), "from-a-file\n");
            var settings = TestSettings.FromJson("""{ "users": [ { "username": "frank", "password": "file:frank.password" } ] }""", directory);
            var authenticator = new BasicAuthSchemeFactory().Create(settings);

            Assert.Equal(AuthResult.Success("frank"), await AuthenticateAsync(authenticator, Basic("frank", "from-a-file")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Challenge_names_the_realm_and_utf8()
    {
        var custom = Create("""{ "realm": "deploys", "users": [ { "username": "a", "password": "p" } ] }""");

        Assert.Equal("Basic realm=\"webhooks\", charset=\"UTF-8\"", Shared.Value.Challenge);
        Assert.Equal("Basic realm=\"deploys\", charset=\"UTF-8\"", custom.Challenge);
    }

    [Fact]
    public void Authorization_header_is_declared_for_redaction()
    {
        Assert.Equal(["Authorization"], Shared.Value.CredentialHeaders);
        Assert.Empty(Shared.Value.CredentialQueryParameters);
    }

    [Theory]
    [InlineData("""{ }""", "users")]
    [InlineData("""{ "users": [] }""", "users")]
    [InlineData("""{ "users": ["alice:password"] }""", "users:0")]
    [InlineData("""{ "users": [ { "username": "alice" } ] }""", "users:0")]
    [InlineData("""{ "users": [ { "username": "alice", "password": "p", "passwordHash": "AQAAAAIAAYagAAAAEA==" } ] }""", "users:0")]
    [InlineData("""{ "users": [ { "password": "p" } ] }""", "users:0:username")]
    [InlineData("""{ "users": [ { "username": "al:ice", "password": "p" } ] }""", "users:0:username")]
    [InlineData("""{ "users": [ { "username": "a", "password": "p" }, { "username": "a", "password": "q" } ] }""", "users:1:username")]
    [InlineData("""{ "users": [ { "username": "alice", "password": "" } ] }""", "users:0:password")]
    [InlineData("""{ "users": [ { "username": "alice", "password": "env:BASIC_TEST_SURELY_UNSET_5b9a" } ] }""", "users:0:password")]
    [InlineData("""{ "users": [ { "username": "alice", "password": "file:no-such-file-5b9a" } ] }""", "users:0:password")]
    [InlineData("""{ "users": [ { "username": "alice", "passwordHash": "not a hash" } ] }""", "users:0:passwordHash")]
    [InlineData("""{ "users": [ { "username": "alice", "passwordHash": "AQAAAAIAAYagAAAAEA==" } ] }""", "users:0:passwordHash")]
    [InlineData("""{ "realm": "", "users": [ { "username": "a", "password": "p" } ] }""", "realm")]
    [InlineData("""{ "realm": "say \"hi\"", "users": [ { "username": "a", "password": "p" } ] }""", "realm")]
    public void Bad_settings_are_rejected_naming_the_key(string json, string key)
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create(json));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:{key}", error.Key);
    }

    [Fact]
    public void Identity_v2_hash_is_rejected_at_start_up()
    {
        var v2 = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }));
        var hash = v2.HashPassword(new object(), "old-format");

        var error = Assert.Throws<PluginConfigurationException>(() => Create($$"""{ "users": [ { "username": "a", "passwordHash": "{{hash}}" } ] }"""));

        Assert.Equal($"{TestSettings.ComponentPath}:settings:users:0:passwordHash", error.Key);
    }

    [Fact]
    public void Settings_errors_do_not_echo_passwords()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Create(
            """{ "users": [ { "username": "a", "password": "literal-secret" }, { "username": "a", "password": "other-secret" } ] }"""));

        Assert.DoesNotContain("literal-secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("other-secret", error.Message, StringComparison.Ordinal);
    }

    private static IInboundAuthenticator Create(string json) => new BasicAuthSchemeFactory().Create(TestSettings.FromJson(json));

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static WebhookRequest Basic(string username, string password) => Header("Basic " + Base64($"{username}:{password}"));

    private static WebhookRequest Header(string value) => Request([value]);

    private static WebhookRequest Request(string[]? authorization) =>
        Requests.With(headers: authorization is null ? null : new() { ["Authorization"] = authorization });

    private static async Task<AuthResult> AuthenticateAsync(IInboundAuthenticator authenticator, WebhookRequest request) =>
        await authenticator.AuthenticateAsync(request, CancellationToken.None);
}
