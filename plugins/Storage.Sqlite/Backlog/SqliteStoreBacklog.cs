using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Backlog;

/// <summary>
/// Counts queued runs and pending deliveries from the partial indexes that hold only them (runs_queued,
/// deliveries_pending), on a read connection beside the writer.
/// </summary>
internal sealed class SqliteStoreBacklog(SqliteDatabase database) : IStoreBacklog
{
    private const string QueuedRuns = "SELECT hook_name, COUNT(*), MIN(created_at) FROM runs WHERE status = 'queued' GROUP BY hook_name";
    private const string PendingDeliveries =
        "SELECT destination_id, COUNT(*), MIN(created_at) FROM deliveries WHERE status = 'pending' GROUP BY destination_id";

    /// <inheritdoc />
    public async Task<StoreBacklog> GetBacklogAsync(CancellationToken cancellationToken)
    {
        var runs = await database.QueryAsync(QueuedRuns, [], ReadGroup, cancellationToken).ConfigureAwait(false);
        var deliveries = await database.QueryAsync(PendingDeliveries, [], ReadGroup, cancellationToken).ConfigureAwait(false);
        return new StoreBacklog(runs, deliveries);
    }

    private static BacklogGroup ReadGroup(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), UnixTime.FromMilliseconds(reader.GetInt64(2)));
}
