using System.Globalization;
using LiteDB;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Retention;

/// <summary>
/// Deletes expired history a batch at a time through the single writer, so accepts wait behind one small batch at
/// most. Walks each collection's order index from the oldest row up to the cut-off and skips what must stay:
/// unfinished runs and deliveries, and events that a run, a delivery or an idempotency key still refers to.
/// </summary>
internal sealed class LiteDbStoreRetention(LiteDbDatabase database) : IStoreRetention
{
    /// <inheritdoc />
    public Task<int> PurgeAsync(RetentionPurge purge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purge);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(purge.Max);
        ArgumentNullException.ThrowIfNull(purge.ExceptHooks);
        if (purge.Kind is not (RetentionKind.Runs or RetentionKind.Deliveries or RetentionKind.Events))
        {
            throw new ArgumentOutOfRangeException(nameof(purge), purge.Kind, "unknown retention kind");
        }

        var except = purge.ExceptHooks.ToHashSet(StringComparer.Ordinal);
        return database.WriteAsync(
            db => purge.Kind switch
            {
                RetentionKind.Runs => PurgeRuns(db, purge, except),
                RetentionKind.Deliveries => PurgeDeliveries(db, purge, except),
                _ => PurgeEvents(db, purge, except),
            },
            cancellationToken);
    }

    private static int PurgeRuns(LiteDatabase db, RetentionPurge purge, HashSet<string> except)
    {
        var runs = db.GetCollection(Collections.Runs);

        // Ids first, deletes after: LiteDB must not change a collection while a query over it is being read.
        var expired = OlderThan(runs, purge.Before)
            .Where(r => r["status"].AsString is "succeeded" or "failed" && Keeps(purge, except, r["hook_name"].AsString))
            .Take(purge.Max)
            .Select(r => r["_id"])
            .ToList();
        return expired.Count(runs.Delete);
    }

    private static int PurgeDeliveries(LiteDatabase db, RetentionPurge purge, HashSet<string> except)
    {
        var deliveries = db.GetCollection(Collections.Deliveries);
        var events = db.GetCollection(Collections.Events);
        var hooks = new Dictionary<string, string?>(StringComparer.Ordinal);

        // A delivery belongs to its event's hook; with no hook filter its event is not read at all.
        bool OfPurgedHook(BsonDocument delivery)
        {
            if (purge.HookName is null && except.Count == 0)
            {
                return true;
            }

            var eventId = delivery["event_id"].AsString;
            if (!hooks.TryGetValue(eventId, out var hook))
            {
                hook = events.FindById(eventId) is { } e ? e["hook_name"].AsString : null;
                hooks[eventId] = hook;
            }

            return hook is not null && Keeps(purge, except, hook);
        }

        var expired = OlderThan(deliveries, purge.Before)
            .Where(d => d["status"].AsString is "success" or "failed" && OfPurgedHook(d))
            .Take(purge.Max)
            .Select(d => d["_id"])
            .ToList();
        var attempts = db.GetCollection(Collections.DeliveryAttempts);
        foreach (var id in expired)
        {
            attempts.DeleteMany(Query.EQ("delivery_id", id));
        }

        return expired.Count(deliveries.Delete);
    }

    private static int PurgeEvents(LiteDatabase db, RetentionPurge purge, HashSet<string> except)
    {
        var events = db.GetCollection(Collections.Events);
        var runs = db.GetCollection(Collections.Runs);
        var deliveries = db.GetCollection(Collections.Deliveries);
        var keys = db.GetCollection(Collections.IdempotencyKeys);

        // Events still referred to are skipped; each goes in a later pass, once what refers to it is gone.
        var expired = OlderThan(events, purge.Before)
            .Where(e => Keeps(purge, except, e["hook_name"].AsString))
            .Select(e => e["_id"])
            .Where(id => !runs.Exists(Query.EQ("event_id", id))
                && !deliveries.Exists(Query.EQ("event_id", id))
                && !keys.Exists(Query.EQ("event_id", id)))
            .Take(purge.Max)
            .ToList();
        return expired.Count(events.Delete);
    }

    // Oldest first along the order index, up to the cut-off (a time alone sorts before every key of that time).
    private static IEnumerable<BsonDocument> OlderThan(ILiteCollection<BsonDocument> collection, DateTimeOffset before) =>
        collection.Query()
            .Where(Query.LT("order", UnixTime.ToMilliseconds(before).ToString("D19", CultureInfo.InvariantCulture)))
            .OrderBy("$.order")
            .ToEnumerable();

    // Whether a row of this hook is within the purge: its hook, or any hook but the excepted ones.
    private static bool Keeps(RetentionPurge purge, HashSet<string> except, string hook) =>
        purge.HookName is { } only ? string.Equals(hook, only, StringComparison.Ordinal) : !except.Contains(hook);
}
