using Npgsql;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Backlog;

/// <summary>
/// Counts queued runs and pending deliveries from the partial indexes that hold only them (runs_queued,
/// deliveries_pending).
/// </summary>
internal sealed class PostgresStoreBacklog : IStoreBacklog
{
    private readonly PostgresDatabase _database;
    private readonly string _queuedRuns;
    private readonly string _pendingDeliveries;

    /// <summary>Creates the reader.</summary>
    /// <param name="database">The shared database.</param>
    public PostgresStoreBacklog(PostgresDatabase database)
    {
        _database = database;
        var s = database.Schema;
        _queuedRuns = $"SELECT hook_name, count(*), min(created_at) FROM {s}.runs WHERE status = 'queued' GROUP BY hook_name";
        _pendingDeliveries = $"SELECT destination_id, count(*), min(created_at) FROM {s}.deliveries WHERE status = 'pending' GROUP BY destination_id";
    }

    /// <inheritdoc />
    public async Task<StoreBacklog> GetBacklogAsync(CancellationToken cancellationToken)
    {
        var runs = await _database.QueryAsync(_queuedRuns, [], ReadGroup, cancellationToken).ConfigureAwait(false);
        var deliveries = await _database.QueryAsync(_pendingDeliveries, [], ReadGroup, cancellationToken).ConfigureAwait(false);
        return new StoreBacklog(runs, deliveries);
    }

    private static BacklogGroup ReadGroup(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), StoredTime.Read(reader, 2));
}
