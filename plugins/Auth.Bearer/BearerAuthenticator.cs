using System.Net.Http.Headers;
using System.Security.Cryptography;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Auth.Bearer.Tokens;

namespace Webhooks.Modular.Auth.Bearer;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c>: the token's keyed hash must be one of the hook's configured tokens, or a
/// stored, unexpired, host-issued token of the hook's scope.
/// </summary>
internal sealed class BearerAuthenticator(
    string scope,
    IReadOnlyList<byte[]> configuredHashes,
    TokenHasher hasher,
    IAuthTokenStore? store,
    TokenUsage? usage,
    TimeProvider clock) : IInboundAuthenticator
{
    public IReadOnlyCollection<string> CredentialHeaders => ["Authorization"];

    public IReadOnlyCollection<string> CredentialQueryParameters => [];

    public string? Challenge => "Bearer";

    public async ValueTask<AuthResult> AuthenticateAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var header = request.Header("Authorization");
        if (string.IsNullOrEmpty(header))
        {
            return AuthResult.Fail("missing Authorization header");
        }

        if (!AuthenticationHeaderValue.TryParse(header, out var parsed)
            || !string.Equals(parsed.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(parsed.Parameter))
        {
            return AuthResult.Fail("not a Bearer token");
        }

        var hash = hasher.Hash(parsed.Parameter.Trim());
        var configuredMatch = false;
        foreach (var configured in configuredHashes)
        {
            // No early exit: every configured hash is compared.
            configuredMatch |= CryptographicOperations.FixedTimeEquals(configured, hash);
        }

        if (configuredMatch)
        {
            return AuthResult.Success("configured token");
        }

        // The lookup key is a keyed hash, so the index search reveals nothing about the token.
        var stored = store is null ? null : await store.FindTokenAsync(hash, cancellationToken);
        if (stored is null)
        {
            return AuthResult.Fail("unknown token");
        }

        if (!string.Equals(stored.Scope, scope, StringComparison.Ordinal))
        {
            return AuthResult.Fail($"token {stored.Prefix}… belongs to another scope");
        }

        if (stored.ExpiresAt is { } expiresAt && expiresAt <= clock.GetUtcNow())
        {
            return AuthResult.Fail($"token {stored.Prefix}… expired at {expiresAt:O}");
        }

        usage?.Record(stored);
        return AuthResult.Success($"token {stored.Prefix}…");
    }
}
