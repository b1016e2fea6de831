using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Credentials;

/// <summary>Stores outbound credentials in the <c>credentials</c> table; their data arrives already encrypted.</summary>
internal sealed class SqliteCredentialStore : ICredentialStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The shared database.</param>
    public SqliteCredentialStore(SqliteDatabase database) => _database = database;

    /// <inheritdoc />
    public Task<bool> CreateCredentialAsync(CredentialRecord credential, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrEmpty(credential.Id, nameof(credential));
        return _database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"""
                    INSERT INTO credentials ({CredentialRows.Columns})
                    VALUES ($id, $name, $type, $protected_data, $hint, $created_at)
                    ON CONFLICT (id) DO NOTHING
                    """;
                command.Parameters.AddWithValue("$id", credential.Id);
                command.Parameters.AddWithValue("$name", credential.Name);
                command.Parameters.AddWithValue("$type", credential.Type);
                command.Parameters.AddWithValue("$protected_data", credential.ProtectedData);
                command.Parameters.AddWithValue("$hint", credential.Hint);
                command.Parameters.AddWithValue("$created_at", UnixTime.ToMilliseconds(credential.CreatedAt));
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<CredentialRecord?> GetCredentialAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _database.QuerySingleAsync(
            $"SELECT {CredentialRows.Columns} FROM credentials WHERE id = $id", [("$id", id)], CredentialRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CredentialRecord>> ListCredentialsAsync(CancellationToken cancellationToken) =>
        _database.QueryAsync($"SELECT {CredentialRows.Columns} FROM credentials ORDER BY created_at, id", [], CredentialRows.Read, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteCredentialAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM credentials WHERE id = $id";
                command.Parameters.AddWithValue("$id", id);
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }
}
