using Npgsql;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Tokens;

/// <summary>Stores bearer tokens (their hashes) in the <c>auth_tokens</c> table; the database keeps each hash unique.</summary>
internal sealed class PostgresAuthTokenStore : IAuthTokenStore
{
    private readonly PostgresDatabase _database;
    private readonly string _deleteScope;
    private readonly string _insert;
    private readonly string _find;
    private readonly string _list;
    private readonly string _touch;
    private readonly string _purge;
    private readonly string _revoke;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The shared database.</param>
    public PostgresAuthTokenStore(PostgresDatabase database)
    {
        _database = database;
        var s = database.Schema;
        _deleteScope = $"DELETE FROM {s}.auth_tokens WHERE scope = @scope";
        _insert = $"""
            INSERT INTO {s}.auth_tokens (id, scope, hash, prefix, created_at, expires_at, last_used_at, created_by)
            VALUES (@id, @scope, @hash, @prefix, @created, @expires::timestamptz, NULL, @created_by::text)
            """;
        _find = $"SELECT {TokenRows.Columns} FROM {s}.auth_tokens WHERE hash = @hash";
        _list = $"SELECT {TokenRows.Columns} FROM {s}.auth_tokens WHERE scope = @scope ORDER BY created_at DESC, id DESC";
        _touch = $"UPDATE {s}.auth_tokens SET last_used_at = @used_at WHERE id = @id";
        _purge = $"""
            DELETE FROM {s}.auth_tokens WHERE id IN (
                SELECT id FROM {s}.auth_tokens WHERE expires_at IS NOT NULL AND expires_at <= @now
                ORDER BY expires_at LIMIT @max FOR UPDATE SKIP LOCKED)
            """;
        _revoke = $"DELETE FROM {s}.auth_tokens WHERE id = @id";
    }

    /// <inheritdoc />
    public Task IssueTokenAsync(AuthTokenRecord token, bool replaceScope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _database.InTransactionAsync(
            async (connection, transaction) =>
            {
                // One round trip; a rotation deletes the scope's other tokens in the same transaction, so the old
                // token stops working the moment the new one exists.
                var batch = new NpgsqlBatch(connection, transaction);
                await using (batch.ConfigureAwait(false))
                {
                    if (replaceScope)
                    {
                        SqlBatches.Add(batch, _deleteScope, [("scope", token.Scope)]);
                    }

                    SqlBatches.Add(batch, _insert, [
                        ("id", token.Id),
                        ("scope", token.Scope),
                        ("hash", token.Hash),
                        ("prefix", token.Prefix),
                        ("created", StoredTime.From(token.CreatedAt)),
                        ("expires", StoredTime.From(token.ExpiresAt)),
                        ("created_by", token.CreatedBy),
                    ]);
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AuthTokenRecord?> FindTokenAsync(byte[] hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return _database.QuerySingleAsync(_find, [("hash", hash)], TokenRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuthTokenRecord>> ListTokensAsync(string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return _database.QueryAsync(_list, [("scope", scope)], TokenRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task TouchTokenAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _database.ExecuteAsync(_touch, [("id", id), ("used_at", StoredTime.From(usedAt))], cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> PurgeExpiredTokensAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return _database.ExecuteAsync(_purge, [("now", StoredTime.From(now)), ("max", max)], cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> RevokeTokenAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await _database.ExecuteAsync(_revoke, [("id", id)], cancellationToken).ConfigureAwait(false) == 1;
    }
}
