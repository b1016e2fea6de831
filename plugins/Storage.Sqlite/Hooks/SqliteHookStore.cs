using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Database;
using Webhooks.Modular.Storage.Sqlite.Signals;

namespace Webhooks.Modular.Storage.Sqlite.Hooks;

/// <summary>
/// Stores hook definitions in the <c>hooks</c> table; every change is signalled (<see cref="StoreSignalKinds.Hooks"/>) so
/// that a running server hears of a hook written by another process (a verb) at once.
/// </summary>
internal sealed class SqliteHookStore : IHookStore
{
    private readonly SqliteDatabase _database;
    private readonly SqliteStoreSignals? _signals;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The shared database.</param>
    /// <param name="signals">Where changes are signalled; none in tests that need no signals.</param>
    public SqliteHookStore(SqliteDatabase database, SqliteStoreSignals? signals = null)
    {
        _database = database;
        _signals = signals;
    }

    /// <inheritdoc />
    public async Task<HookRecord> UpsertHookAsync(string name, string definition, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(definition);
        var record = await _database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;

                // A new hook starts enabled; an existing one keeps its creation time and its enabled flag, which
                // an operator may have changed on purpose.
                command.CommandText = $"""
                    INSERT INTO hooks (name, definition, enabled, created_at, updated_at)
                    VALUES ($name, $definition, 1, $now, $now)
                    ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
                    RETURNING {HookRows.Columns}
                    """;
                command.Parameters.AddWithValue("$name", name);
                command.Parameters.AddWithValue("$definition", definition);
                command.Parameters.AddWithValue("$now", _database.NowMilliseconds);
                using var reader = command.ExecuteReader();
                reader.Read();
                return HookRows.Read(reader);
            },
            cancellationToken).ConfigureAwait(false);
        _signals?.Publish(StoreSignalKinds.Hooks);
        return record;
    }

    /// <inheritdoc />
    public async Task<bool> SetHookEnabledAsync(string name, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Signalled(await _database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE hooks SET enabled = $enabled, updated_at = $now WHERE name = $name";
                command.Parameters.AddWithValue("$name", name);
                command.Parameters.AddWithValue("$enabled", enabled ? 1 : 0);
                command.Parameters.AddWithValue("$now", _database.NowMilliseconds);
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<HookRecord?> GetHookAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _database.QuerySingleAsync($"SELECT {HookRows.Columns} FROM hooks WHERE name = $name", [("$name", name)], HookRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteHookAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Signalled(await _database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM hooks WHERE name = $name";
                command.Parameters.AddWithValue("$name", name);
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HookRecord>> ListHooksAsync(CancellationToken cancellationToken) =>
        _database.QueryAsync($"SELECT {HookRows.Columns} FROM hooks ORDER BY name", [], HookRows.Read, cancellationToken);

    private bool Signalled(bool changed)
    {
        if (changed)
        {
            _signals?.Publish(StoreSignalKinds.Hooks);
        }

        return changed;
    }
}
