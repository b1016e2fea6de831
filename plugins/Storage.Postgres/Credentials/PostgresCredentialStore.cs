using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Credentials;

/// <summary>Stores outbound credentials in the <c>credentials</c> table; their data arrives already encrypted.</summary>
internal sealed class PostgresCredentialStore : ICredentialStore
{
    private readonly PostgresDatabase _database;
    private readonly string _create;
    private readonly string _get;
    private readonly string _list;
    private readonly string _delete;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The shared database.</param>
    public PostgresCredentialStore(PostgresDatabase database)
    {
        _database = database;
        var s = database.Schema;
        _create = $"""
            INSERT INTO {s}.credentials ({CredentialRows.Columns})
            VALUES (@id, @name, @type, @protected_data, @hint, @created_at)
            ON CONFLICT (id) DO NOTHING
            """;
        _get = $"SELECT {CredentialRows.Columns} FROM {s}.credentials WHERE id = @id";
        _list = $"SELECT {CredentialRows.Columns} FROM {s}.credentials ORDER BY created_at, id";
        _delete = $"DELETE FROM {s}.credentials WHERE id = @id";
    }

    /// <inheritdoc />
    public async Task<bool> CreateCredentialAsync(CredentialRecord credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrEmpty(credential.Id, nameof(credential));
        var inserted = await _database.ExecuteAsync(
            _create,
            [
                ("id", credential.Id),
                ("name", credential.Name),
                ("type", credential.Type),
                ("protected_data", credential.ProtectedData),
                ("hint", credential.Hint),
                ("created_at", StoredTime.From(credential.CreatedAt)),
            ],
            cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    /// <inheritdoc />
    public Task<CredentialRecord?> GetCredentialAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _database.QuerySingleAsync(_get, [("id", id)], CredentialRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CredentialRecord>> ListCredentialsAsync(CancellationToken cancellationToken) =>
        _database.QueryAsync(_list, [], CredentialRows.Read, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> DeleteCredentialAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await _database.ExecuteAsync(_delete, [("id", id)], cancellationToken).ConfigureAwait(false) == 1;
    }
}
