using LiteDB;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Backlog;

/// <summary>
/// Counts queued runs and pending deliveries along the indexes that lead to them alone (the run queue's index holds
/// queued runs only; the deliveries' status index), so the cost follows the backlog, not the history. LiteDB has no
/// index-only reads, so the waiting documents themselves are read.
/// </summary>
internal sealed class LiteDbStoreBacklog(LiteDbDatabase database) : IStoreBacklog
{
    /// <inheritdoc />
    public Task<StoreBacklog> GetBacklogAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(
            db =>
            {
                var runs = db.GetCollection(Collections.Runs).Query()
                    .Where(Query.GTE("queue", string.Empty))
                    .Select("{ k: $.hook_name, s: $.status, t: $.created_at }")
                    .ToEnumerable()
                    .Where(d => d["s"].AsString == "queued");
                var deliveries = db.GetCollection(Collections.Deliveries).Query()
                    .Where(Query.EQ("status", "pending"))
                    .Select("{ k: $.destination_id, t: $.created_at }")
                    .ToEnumerable();
                return new StoreBacklog(Group(runs), Group(deliveries));
            },
            cancellationToken);

    private static List<BacklogGroup> Group(IEnumerable<BsonDocument> waiting) =>
        waiting.GroupBy(d => d["k"].AsString, StringComparer.Ordinal)
            .Select(g => new BacklogGroup(g.Key, g.Count(), UnixTime.FromMilliseconds(g.Min(d => d["t"].AsInt64))))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
}
