namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>Stores host-issued bearer tokens by their keyed hash. The database enforces that a hash is unique.</summary>
public interface IAuthTokenStore
{
    /// <summary>
    /// Stores a new token. With <paramref name="replaceScope"/>, every other token of the same scope is deleted in
    /// the same transaction: a rotation invalidates the old token at once.
    /// </summary>
    /// <param name="token">The token (its hash, never the token).</param>
    /// <param name="replaceScope">Whether to delete the scope's other tokens.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task IssueTokenAsync(AuthTokenRecord token, bool replaceScope, CancellationToken cancellationToken);

    /// <summary>The token with this hash, or <c>null</c>.</summary>
    /// <param name="hash">The keyed hash of a presented token.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<AuthTokenRecord?> FindTokenAsync(byte[] hash, CancellationToken cancellationToken);

    /// <summary>The scope's tokens, newest first.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<AuthTokenRecord>> ListTokensAsync(string scope, CancellationToken cancellationToken);

    /// <summary>Records that a token was used.</summary>
    /// <param name="id">The token's id.</param>
    /// <param name="usedAt">When.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task TouchTokenAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="max"/> tokens that expired before <paramref name="now"/> (old sessions); returns how many.</summary>
    /// <param name="now">The present.</param>
    /// <param name="max">How many at most.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<int> PurgeExpiredTokensAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Deletes a token; false when there was none with that id.</summary>
    /// <param name="id">The token's id.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> RevokeTokenAsync(string id, CancellationToken cancellationToken);
}
