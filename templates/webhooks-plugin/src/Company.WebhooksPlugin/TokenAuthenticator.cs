using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;

namespace Company.WebhooksPlugin;

/// <summary>Accepts a request whose token header equals the hook's token.</summary>
public sealed class TokenAuthenticator : IInboundAuthenticator
{
    /// <summary>The header read when the hook does not name one.</summary>
    public const string DefaultHeader = "X-Webhook-Token";

    private readonly byte[] _tokenHash;
    private readonly string _header;

    /// <summary>Creates the authenticator of one hook.</summary>
    /// <param name="token">The expected token.</param>
    /// <param name="header">The header that carries it.</param>
    public TokenAuthenticator(string token, string header)
    {
        _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        _header = header;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> CredentialHeaders => [_header];

    /// <inheritdoc />
    public IReadOnlyCollection<string> CredentialQueryParameters => [];

    /// <inheritdoc />
    public IReadOnlyCollection<string> CredentialRouteValues => [];

    /// <inheritdoc />
    public IReadOnlyList<string> IdempotencyHeaders => [];

    /// <inheritdoc />
    public string? Challenge => null;

    /// <inheritdoc />
    public ValueTask<AuthResult> AuthenticateAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (request.Header(_header) is not { Length: > 0 } presented)
        {
            return ValueTask.FromResult(AuthResult.Fail($"missing {_header} header"));
        }

        // Hashing first makes the comparison constant-time whatever the lengths; the token itself is never logged.
        var matches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _tokenHash);
        return ValueTask.FromResult(matches ? AuthResult.Success("token") : AuthResult.Fail("wrong token"));
    }
}
