using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using static Webhooks.Modular.Plugins.Tests.Auth.Hmac.HmacAuthenticators;

namespace Webhooks.Modular.Plugins.Tests.Auth.Hmac;

/// <summary>
/// <c>secretEnv</c> and the dagnats preset's default variable. Every test touching <c>DAGNATS_WEBHOOK_SECRET</c> is
/// in this class, so xUnit runs them one after another.
/// </summary>
public sealed class SecretEnvironmentTests
{
    private const string DagnatsVariable = "DAGNATS_WEBHOOK_SECRET";
    private const string Body = """{"dag":"nightly"}""";

    // printf '%s' '{"dag":"nightly"}' | openssl dgst -sha256 -hmac 'from-the-environment'
    private const string EnvironmentSignature = "sha256=64a13ef7e2f1d6bacf0b5f482bf574e86b38c22e931b146c7cdcf0aef57cce56";

    // printf '%s' '{"dag":"nightly"}' | openssl dgst -sha256 -hmac 'dagnats-secret'
    private const string HookSignature = "sha256=b68c7149d19b7500eb16d0a98f77787352d16069f49d848d88b1f3d9ada4888e";

    [Fact]
    public async Task Dagnats_takes_its_secret_from_DAGNATS_WEBHOOK_SECRET_when_the_hook_lists_none()
    {
        await WithVariableAsync(DagnatsVariable, "from-the-environment\n", async () =>
        {
            var authenticator = Create("""{ "preset": "dagnats" }""");

            Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, Body, ("X-Signature-256", EnvironmentSignature)));
            Assert.Contains(DagnatsVariable, SecretReference.EnvironmentSecretNames);
        });
    }

    [Fact]
    public async Task Hook_secrets_win_over_the_environment_default()
    {
        await WithVariableAsync(DagnatsVariable, "from-the-environment", async () =>
        {
            var authenticator = Create("""{ "preset": "dagnats", "secrets": ["dagnats-secret"] }""");

            Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(authenticator, Body, ("X-Signature-256", HookSignature)));
            Assert.Equal(AuthResult.Fail("no signature matched"), await VerifyAsync(authenticator, Body, ("X-Signature-256", EnvironmentSignature)));
        });
    }

    [Fact]
    public async Task Dagnats_without_secrets_or_the_variable_is_a_settings_error_naming_secrets_and_the_variable()
    {
        await WithVariableAsync(DagnatsVariable, null, () =>
        {
            var error = Assert.Throws<PluginConfigurationException>(() => Create("""{ "preset": "dagnats" }"""));

            Assert.Equal($"{TestSettings.ComponentPath}:settings:secrets", error.Key);
            Assert.Contains(DagnatsVariable, error.Problem, StringComparison.Ordinal);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task SecretEnv_names_another_variable_for_any_preset()
    {
        var name = $"HMAC_TEST_{Guid.NewGuid():N}";
        await WithVariableAsync(DagnatsVariable, "not-this-one", () => WithVariableAsync(name, "from-the-environment", async () =>
        {
            var dagnats = Create($$"""{ "preset": "dagnats", "secretEnv": "{{name}}" }""");
            var generic = Create($$"""{ "header": "X-Signature-256", "prefix": "sha256=", "secretEnv": "{{name}}" }""");

            Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(dagnats, Body, ("X-Signature-256", EnvironmentSignature)));
            Assert.Equal(AuthResult.Success("secret#0"), await VerifyAsync(generic, Body, ("X-Signature-256", EnvironmentSignature)));
        }));
    }

    [Fact]
    public async Task Other_presets_have_no_default_variable()
    {
        await WithVariableAsync(DagnatsVariable, "from-the-environment", () =>
        {
            var error = Assert.Throws<PluginConfigurationException>(() => Create("""{ "preset": "github" }"""));

            Assert.Equal($"{TestSettings.ComponentPath}:settings:secrets", error.Key);
            return Task.CompletedTask;
        });
    }

    private static async Task WithVariableAsync(string name, string? value, Func<Task> test)
    {
        var previous = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, value);
        try
        {
            await test();
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, previous);
        }
    }
}
