using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Users;

/// <summary>Stores management-API users in the <c>users</c> table.</summary>
internal sealed class PostgresUserStore : IUserStore
{
    private readonly PostgresDatabase _database;
    private readonly string _create;
    private readonly string _findByName;
    private readonly string _findById;
    private readonly string _list;
    private readonly string _count;
    private readonly string _delete;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The shared database.</param>
    public PostgresUserStore(PostgresDatabase database)
    {
        _database = database;
        var s = database.Schema;

        // Only a taken name is an expected answer (false); a repeated id is a bug and still throws. A concurrent
        // creation of the same name waits for the other to commit, then inserts nothing.
        _create = $"""
            INSERT INTO {s}.users (id, username, normalized_username, password_hash, role, created_at, updated_at)
            VALUES (@id, @username, @normalized, @hash, @role, @created, @updated)
            ON CONFLICT (normalized_username) DO NOTHING
            """;
        _findByName = $"SELECT {UserRows.Columns} FROM {s}.users WHERE normalized_username = @value";
        _findById = $"SELECT {UserRows.Columns} FROM {s}.users WHERE id = @value";
        _list = $"SELECT {UserRows.Columns} FROM {s}.users ORDER BY normalized_username";
        _count = $"SELECT COUNT(*)::integer FROM {s}.users";
        _delete = $"DELETE FROM {s}.users WHERE id = @id";
    }

    /// <inheritdoc />
    public async Task<bool> CreateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.Username);
        var inserted = await _database.ExecuteAsync(
            _create,
            [
                ("id", user.Id),
                ("username", user.Username),
                ("normalized", UserRows.Normalize(user.Username)),
                ("hash", user.PasswordHash),
                ("role", user.Role),
                ("created", StoredTime.From(user.CreatedAt)),
                ("updated", StoredTime.From(user.UpdatedAt)),
            ],
            cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    /// <inheritdoc />
    public Task<UserRecord?> FindUserByNameAsync(string username, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        return _database.QuerySingleAsync(_findByName, [("value", UserRows.Normalize(username))], UserRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<UserRecord?> FindUserByIdAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _database.QuerySingleAsync(_findById, [("value", id)], UserRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) =>
        _database.QueryAsync(_list, [], UserRows.Read, cancellationToken);

    /// <inheritdoc />
    public async Task<int> CountUsersAsync(CancellationToken cancellationToken) =>
        (await _database.QueryAsync(_count, [], reader => reader.GetInt32(0), cancellationToken).ConfigureAwait(false))[0];

    /// <inheritdoc />
    public async Task<bool> DeleteUserAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await _database.ExecuteAsync(_delete, [("id", id)], cancellationToken).ConfigureAwait(false) == 1;
    }
}
