using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Users;

/// <summary>Stores management-API users in the <c>users</c> table.</summary>
internal sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    /// <inheritdoc />
    public Task<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.Username);
        return database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;

                // Only a taken name is an expected answer (false); a repeated id is a bug and still throws.
                command.CommandText = """
                    INSERT INTO users (id, username, normalized_username, password_hash, role, created_at, updated_at)
                    VALUES ($id, $username, $normalized, $hash, $role, $created, $updated)
                    ON CONFLICT (normalized_username) DO NOTHING
                    """;
                command.Parameters.AddWithValue("$id", user.Id);
                command.Parameters.AddWithValue("$username", user.Username);
                command.Parameters.AddWithValue("$normalized", UserRows.Normalize(user.Username));
                command.Parameters.AddWithValue("$hash", user.PasswordHash);
                command.Parameters.AddWithValue("$role", user.Role);
                command.Parameters.AddWithValue("$created", UnixTime.ToMilliseconds(user.CreatedAt));
                command.Parameters.AddWithValue("$updated", UnixTime.ToMilliseconds(user.UpdatedAt));
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserRecord?> FindUserByNameAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        return FindAsync("normalized_username", UserRows.Normalize(username), cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserRecord?> FindUserByIdAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return FindAsync("id", id, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) =>
        database.QueryAsync($"SELECT {UserRows.Columns} FROM users ORDER BY normalized_username", [], UserRows.Read, cancellationToken);

    /// <inheritdoc />
    public async Task<int> CountUsersAsync(CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT COUNT(*) FROM users", [], reader => reader.GetInt32(0), cancellationToken).ConfigureAwait(false))[0];

    /// <inheritdoc />
    public Task<bool> DeleteUserAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM users WHERE id = $id";
                command.Parameters.AddWithValue("$id", id);
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    private Task<UserRecord?> FindAsync(string column, string value, CancellationToken cancellationToken) =>
        database.QuerySingleAsync($"SELECT {UserRows.Columns} FROM users WHERE {column} = $value", [("$value", value)], UserRows.Read, cancellationToken);
}
