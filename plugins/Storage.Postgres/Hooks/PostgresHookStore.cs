using Npgsql;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Hooks;

/// <summary>
/// Stores hook definitions in the <c>hooks</c> table. Every change notifies the schema's channel
/// (<see cref="StoreSignalKinds.Hooks"/>) when it commits, so that every host, and a running server when a verb wrote
/// from its own process, serves it at once instead of at its next re-read.
/// </summary>
internal sealed class PostgresHookStore : IHookStore
{
    private readonly PostgresDatabase _database;
    private readonly string _upsert;
    private readonly string _setEnabled;
    private readonly string _get;
    private readonly string _delete;
    private readonly string _list;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The shared database.</param>
    public PostgresHookStore(PostgresDatabase database)
    {
        _database = database;
        var s = database.Schema;
        var hooksChanged = database.Notify(StoreSignalKinds.Hooks);

        // A new hook starts enabled; an existing one keeps its creation time and its enabled flag, which an
        // operator may have changed on purpose. Each write selects its notification from the rows it changed (no
        // row, no notification); one statement is one transaction, and the notification goes out when it commits.
        // The notification is a trailing column that HookRows.Read does not read.
        _upsert = $"""
            WITH upserted AS (
                INSERT INTO {s}.hooks AS h (name, definition, enabled, created_at, updated_at)
                VALUES (@name, @definition, true, @now, @now)
                ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
                RETURNING {HookRows.Columns})
            SELECT {HookRows.Columns}, {hooksChanged} FROM upserted
            """;
        _setEnabled = $"""
            WITH changed AS (UPDATE {s}.hooks SET enabled = @enabled, updated_at = @now WHERE name = @name RETURNING name)
            SELECT {hooksChanged} FROM changed
            """;
        _get = $"SELECT {HookRows.Columns} FROM {s}.hooks WHERE name = @name";
        _delete = $"""
            WITH deleted AS (DELETE FROM {s}.hooks WHERE name = @name RETURNING name)
            SELECT {hooksChanged} FROM deleted
            """;
        _list = $"SELECT {HookRows.Columns} FROM {s}.hooks ORDER BY name";
    }

    /// <inheritdoc />
    public async Task<HookRecord> UpsertHookAsync(string name, string definition, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(definition);
        var rows = await _database.QueryAsync(
            _upsert, [("name", name), ("definition", definition), ("now", _database.Now)], HookRows.Read, cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    /// <inheritdoc />
    public async Task<bool> SetHookEnabledAsync(string name, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return (await _database.QueryAsync(
            _setEnabled, [("name", name), ("enabled", enabled), ("now", _database.Now)], Row, cancellationToken).ConfigureAwait(false)).Count == 1;
    }

    /// <inheritdoc />
    public Task<HookRecord?> GetHookAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _database.QuerySingleAsync(_get, [("name", name)], HookRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteHookAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return (await _database.QueryAsync(_delete, [("name", name)], Row, cancellationToken).ConfigureAwait(false)).Count == 1;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HookRecord>> ListHooksAsync(CancellationToken cancellationToken) =>
        _database.QueryAsync(_list, [], HookRows.Read, cancellationToken);

    private static bool Row(NpgsqlDataReader reader) => true;
}
