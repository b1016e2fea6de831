using LiteDB;

namespace Webhooks.Modular.Storage.LiteDb.Database;

/// <summary>Brings the documents of an older layout up to date when the file is opened, before the writer starts.</summary>
internal static class LayoutUpgrade
{
    /// <summary>The counter that numbers events in the feed.</summary>
    public const string FeedCounter = "event_feed";

    /// <summary>
    /// Version 1 to 2: numbers the stored events for the feed (oldest receipt first, as the SQL stores' migration
    /// does) and gives deliveries their (creation time, id) order key. One transaction, synced, so a file is either
    /// upgraded or left as it was.
    /// </summary>
    /// <param name="database">The open database; nothing else uses it yet.</param>
    /// <param name="log">LiteDB's log file, synced after the commit.</param>
    public static void ToVersion2(LiteDatabase database, Stream log)
    {
        database.BeginTrans();
        try
        {
            var events = database.GetCollection(Collections.Events);
            var counters = database.GetCollection(Collections.Counters);
            var last = counters.FindById(FeedCounter) is { } counter ? counter["last"].AsInt64 : 0L;
            // Ids first: LiteDB must not update a collection while a query over it is still being read.
            foreach (var id in events.Query().OrderBy("$.order").ToEnumerable().Select(e => e["_id"]).ToList())
            {
                var e = events.FindById(id);
                if (e.TryGetValue("feed_seq", out var seq) && !seq.IsNull)
                {
                    continue;
                }

                e["feed_seq"] = ++last;
                events.Update(e);
            }

            counters.Upsert(new BsonDocument { ["_id"] = FeedCounter, ["last"] = last });

            var deliveries = database.GetCollection(Collections.Deliveries);
            foreach (var id in deliveries.FindAll().Select(d => d["_id"]).ToList())
            {
                var delivery = deliveries.FindById(id);
                delivery["order"] = Documents.OrderKey(delivery["created_at"].AsInt64, delivery["_id"].AsString);
                deliveries.Update(delivery);
            }

            database.Commit();
            log.Flush();
        }
        catch
        {
            database.Rollback();
            throw;
        }
    }
}
