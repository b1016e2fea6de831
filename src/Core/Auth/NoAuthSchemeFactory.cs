using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Core.Auth;

/// <summary>
/// The <c>none</c> scheme: every request is genuine. A hook must name it explicitly, so an open hook is
/// always a deliberate choice.
/// </summary>
internal sealed class NoAuthSchemeFactory : IAuthSchemeFactory, IInboundAuthenticator
{
    public string Scheme => "none";

    public IReadOnlyCollection<string> CredentialHeaders => [];

    public IReadOnlyCollection<string> CredentialQueryParameters => [];

    public string? Challenge => null;

    public IInboundAuthenticator Create(ComponentSettings settings) => this;

    public ValueTask<AuthResult> AuthenticateAsync(WebhookRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AuthResult.Success("anonymous"));
}
