using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Inbound;

namespace Fixture.ReloadablePlugin;

/// <summary>The "fixture-word" scheme: the X-Fixture header must equal the setting <c>word</c>.</summary>
public sealed class WordScheme : IAuthSchemeFactory
{
    public string Scheme => "fixture-word";

    public IInboundAuthenticator Create(ComponentSettings settings) => new Authenticator(settings.Required("word"));

    private sealed class Authenticator(string word) : IInboundAuthenticator
    {
        public IReadOnlyCollection<string> CredentialHeaders => ["X-Fixture"];

        public IReadOnlyCollection<string> CredentialQueryParameters => [];

        public string? Challenge => "Fixture";

        public ValueTask<AuthResult> AuthenticateAsync(WebhookRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.Header("X-Fixture") == word
                ? AuthResult.Success($"fixture {ReloadablePlugin.Build}")
                : AuthResult.Fail("wrong word"));
    }
}
