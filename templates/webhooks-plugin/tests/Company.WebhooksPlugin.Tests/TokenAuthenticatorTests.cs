using System.Text;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Plugins;

namespace Company.WebhooksPlugin.Tests;

public sealed class TokenAuthenticatorTests
{
    private const string Token = "0123456789abcdef-token";

    [Fact]
    public async Task Right_token_is_accepted()
    {
        var authenticator = new TokenSchemeFactory().Create(Settings.For("hooks:0:auth", ("token", Token)));

        var result = await authenticator.AuthenticateAsync(Request(TokenAuthenticator.DefaultHeader, Token), CancellationToken.None);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task Wrong_or_missing_token_is_refused_with_a_reason()
    {
        var authenticator = new TokenSchemeFactory().Create(Settings.For("hooks:0:auth", ("token", Token)));

        var wrong = await authenticator.AuthenticateAsync(Request(TokenAuthenticator.DefaultHeader, Token + "x"), CancellationToken.None);
        var missing = await authenticator.AuthenticateAsync(Request("X-Other", Token), CancellationToken.None);

        Assert.Equal("wrong token", wrong.FailureReason);
        Assert.Equal("missing X-Webhook-Token header", missing.FailureReason);
    }

    [Fact]
    public void Token_header_is_redacted_from_stored_events()
    {
        var authenticator = new TokenSchemeFactory().Create(Settings.For("hooks:0:auth", ("token", Token), ("header", "X-Secret")));

        Assert.Equal(["X-Secret"], authenticator.CredentialHeaders);
    }

    [Fact]
    public void Missing_token_is_a_start_up_error_naming_the_key()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => new TokenSchemeFactory().Create(Settings.For("hooks:0:auth")));

        Assert.Equal("hooks:0:auth:settings:token", error.Key);
        Assert.Equal("is required", error.Problem);
    }

    private static WebhookRequest Request(string header, string value) => new()
    {
        RequestId = "req-1",
        HookName = "orders",
        Method = "POST",
        Headers = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase) { [header] = [value] },
        Body = Encoding.UTF8.GetBytes("""{"id":1}"""),
    };
}
