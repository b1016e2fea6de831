using System.Security.Cryptography;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Auth.Bearer.Tokens;

/// <summary>Issues and checks tokens: prefix + base58 of 32 random bytes; stores the keyed hash and the first 12 characters.</summary>
internal sealed class TokenService(IAuthTokenStore store, TokenHasher hasher, BearerOptions options, TimeProvider clock) : ITokenService
{
    public const int RandomBytes = 32;
    public const int VisiblePrefixLength = 12;

    public async Task<IssuedToken> IssueAsync(
        string scope, string? prefix, DateTimeOffset? expiresAt, string? createdBy, bool replaceScope, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(scope);
        var token = (prefix ?? options.Prefix) + Base58.Encode(RandomNumberGenerator.GetBytes(RandomBytes));
        var record = new AuthTokenRecord(
            Guid.CreateVersion7(clock.GetUtcNow()).ToString(),
            scope,
            hasher.Hash(token),
            token[..VisiblePrefixLength],
            clock.GetUtcNow(),
            expiresAt,
            null,
            createdBy);
        await store.IssueTokenAsync(record, replaceScope, cancellationToken);
        return new IssuedToken(token, record);
    }

    public async Task<AuthTokenRecord?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var stored = await store.FindTokenAsync(hasher.Hash(token), cancellationToken);
        return stored is { ExpiresAt: { } expiresAt } && expiresAt <= clock.GetUtcNow() ? null : stored;
    }
}
