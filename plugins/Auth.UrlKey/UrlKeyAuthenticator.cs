using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Auth.UrlKey;

/// <summary>Accepts a request whose URL path carries the configured key, as the route value it names.</summary>
internal sealed class UrlKeyAuthenticator : IInboundAuthenticator
{
    private readonly string _routeValue;
    private readonly byte[] _keyHash;

    /// <summary>Creates the authenticator.</summary>
    /// <param name="routeValue">The route value that holds the key, such as <c>key</c> in <c>/hooks/{name}/{key}</c>.</param>
    /// <param name="keyHash">The SHA-256 hash of the accepted key.</param>
    public UrlKeyAuthenticator(string routeValue, byte[] keyHash)
    {
        _routeValue = routeValue;
        _keyHash = keyHash;
    }

    /// <inheritdoc />
    public IReadOnlyCollection<string> CredentialHeaders => [];

    /// <inheritdoc />
    public IReadOnlyCollection<string> CredentialQueryParameters => [];

    /// <inheritdoc />
    public IReadOnlyCollection<string> CredentialRouteValues => [_routeValue];

    /// <inheritdoc />
    public string? Challenge => null;

    /// <inheritdoc />
    public ValueTask<AuthResult> AuthenticateAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (!request.RouteValues.TryGetValue(_routeValue, out var presented) || presented.Trim() is not { Length: > 0 } key)
        {
            return ValueTask.FromResult(AuthResult.Fail("missing key in URL"));
        }

        // Digests, not the keys, are compared: they have the same length whatever was sent, so neither the
        // comparison's time nor an early length check says anything about the key's length.
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(hash, _keyHash)
            ? AuthResult.Success()
            : AuthResult.Fail("wrong key"));
    }
}
