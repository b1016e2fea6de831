using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Tokens;

/// <summary>Stores bearer tokens (their hashes) in the <c>auth_tokens</c> table.</summary>
internal sealed class SqliteAuthTokenStore(SqliteDatabase database) : IAuthTokenStore
{
    /// <inheritdoc />
    public Task IssueTokenAsync(AuthTokenRecord token, bool replaceScope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        return database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                if (replaceScope)
                {
                    command.CommandText = "DELETE FROM auth_tokens WHERE scope = $scope";
                    command.Parameters.AddWithValue("$scope", token.Scope);
                    command.ExecuteNonQuery();
                    command.Parameters.Clear();
                }

                command.CommandText = """
                    INSERT INTO auth_tokens (id, scope, hash, prefix, created_at, expires_at, last_used_at, created_by)
                    VALUES ($id, $scope, $hash, $prefix, $created, $expires, NULL, $createdBy)
                    """;
                command.Parameters.AddWithValue("$id", token.Id);
                command.Parameters.AddWithValue("$scope", token.Scope);
                command.Parameters.AddWithValue("$hash", token.Hash);
                command.Parameters.AddWithValue("$prefix", token.Prefix);
                command.Parameters.AddWithValue("$created", UnixTime.ToMilliseconds(token.CreatedAt));
                command.Parameters.AddWithValue("$expires", token.ExpiresAt is { } expires ? UnixTime.ToMilliseconds(expires) : DBNull.Value);
                command.Parameters.AddWithValue("$createdBy", (object?)token.CreatedBy ?? DBNull.Value);
                command.ExecuteNonQuery();
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AuthTokenRecord?> FindTokenAsync(byte[] hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return database.QuerySingleAsync($"SELECT {TokenRows.Columns} FROM auth_tokens WHERE hash = $hash", [("$hash", hash)], TokenRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AuthTokenRecord>> ListTokensAsync(string scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return database.QueryAsync(
            $"SELECT {TokenRows.Columns} FROM auth_tokens WHERE scope = $scope ORDER BY created_at DESC", [("$scope", scope)], TokenRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task TouchTokenAsync(string id, DateTimeOffset usedAt, CancellationToken cancellationToken) =>
        database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE auth_tokens SET last_used_at = $usedAt WHERE id = $id";
                command.Parameters.AddWithValue("$id", id);
                command.Parameters.AddWithValue("$usedAt", UnixTime.ToMilliseconds(usedAt));
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<int> PurgeExpiredTokensAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    DELETE FROM auth_tokens WHERE id IN (
                        SELECT id FROM auth_tokens WHERE expires_at IS NOT NULL AND expires_at <= $now LIMIT $max)
                    """;
                command.Parameters.AddWithValue("$now", UnixTime.ToMilliseconds(now));
                command.Parameters.AddWithValue("$max", max);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RevokeTokenAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM auth_tokens WHERE id = $id";
                command.Parameters.AddWithValue("$id", id);
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);
}
