using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Auth.Hmac;

namespace Webhooks.Modular.Plugins.Tests.Auth.Hmac;

/// <summary>Builds <c>hmac</c> authenticators from JSON settings and runs them, for the preset tests.</summary>
internal static class HmacAuthenticators
{
    public static IInboundAuthenticator Create(string json, TimeProvider? clock = null) =>
        new HmacAuthSchemeFactory(clock ?? TimeProvider.System).Create(TestSettings.FromJson(json));

    public static async Task<AuthResult> VerifyAsync(IInboundAuthenticator authenticator, string body, params (string Name, string Value)[] headers) =>
        await authenticator.AuthenticateAsync(Request(body, headers), CancellationToken.None);

    public static WebhookRequest Request(string body, params (string Name, string Value)[] headers) =>
        Requests.With(body, headers.ToDictionary(h => h.Name, h => new[] { h.Value }));
}
