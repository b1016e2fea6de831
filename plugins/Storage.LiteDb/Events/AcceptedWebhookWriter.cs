using System.Globalization;
using LiteDB;
using Webhooks.Modular.Storage.Common.Writes;
using Webhooks.Modular.Storage.LiteDb.Database;
using Webhooks.Modular.Storage.LiteDb.Runs;

namespace Webhooks.Modular.Storage.LiteDb.Events;

/// <summary>
/// Writes an event with its runs and its outbox deliveries. Shared by accepting a request and by completing a run
/// (whose outcome event is committed with the run's result), so both lay the documents out the same way.
/// </summary>
internal static class AcceptedWebhookWriter
{
    /// <summary>An event id as stored: text, as the API shows it.</summary>
    /// <param name="id">The id.</param>
    public static string FormatId(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>
    /// Inserts the event, its runs (queued) and its deliveries (pending). A delivery whose destination no longer exists
    /// (deleted between planning and this write) is left out rather than failing the whole write. Runs inside the
    /// writer's transaction: a duplicate id throws and the writer rolls everything of this operation back.
    /// </summary>
    /// <param name="database">The database, in the writer's transaction.</param>
    /// <param name="prepared">What to write.</param>
    /// <param name="now">The present, in unix milliseconds.</param>
    public static void Insert(LiteDatabase database, PreparedWebhook prepared, long now)
    {
        var webhook = prepared.Webhook;
        var e = webhook.Event;
        var eventId = FormatId(e.Id);
        var receivedAt = UnixTime.ToMilliseconds(e.ReceivedAt);
        database.GetCollection(Collections.Events).Insert(new BsonDocument
        {
            ["_id"] = eventId,
            ["request_id"] = e.RequestId,
            ["hook_name"] = e.HookName,
            ["method"] = e.Method,
            ["path"] = e.Path,
            ["headers"] = prepared.HeadersJson,
            ["query"] = prepared.QueryJson,
            ["body"] = e.Body ?? Array.Empty<byte>(),
            ["remote_address"] = Documents.Text(e.RemoteAddress),
            ["received_at"] = receivedAt,
            ["subject"] = Documents.Text(e.Subject),
            ["order"] = Documents.OrderKey(receivedAt, eventId),

            // The file has one writer and this runs in its transaction, so the numbers follow the commits: a reader
            // never sees a number before every smaller one is committed (a rolled-back write gives its number back).
            ["feed_seq"] = TakeFeedNumber(database),
        });

        if (webhook.Runs.Count > 0)
        {
            var number = TakeRunNumbers(database, webhook.Runs.Count);
            var runs = database.GetCollection(Collections.Runs);
            foreach (var run in webhook.Runs)
            {
                runs.Insert(RunDocuments.New(run, eventId, e.RequestId, number++, now));
            }
        }

        if (webhook.Deliveries is { Count: > 0 } deliveries)
        {
            var destinations = database.GetCollection(Collections.Destinations);
            var outbox = database.GetCollection(Collections.Deliveries);
            foreach (var delivery in deliveries)
            {
                if (destinations.FindById(delivery.DestinationId) is null)
                {
                    continue;
                }

                outbox.Insert(new BsonDocument
                {
                    ["_id"] = delivery.Id,
                    ["order"] = Documents.OrderKey(now, delivery.Id),
                    ["destination_id"] = delivery.DestinationId,
                    ["event_id"] = eventId,
                    ["event_type"] = delivery.EventType,
                    ["content_type"] = delivery.ContentType,
                    ["body"] = delivery.Body,
                    ["status"] = "pending",
                    ["attempts"] = 0,
                    ["retries"] = 0,
                    ["next_attempt_at"] = UnixTime.ToMilliseconds(delivery.NextAttemptAt),
                    ["lease_token"] = 0L,
                    ["lease_owner"] = BsonValue.Null,
                    ["lease_expires_at"] = BsonValue.Null,
                    ["created_at"] = now,
                    ["completed_at"] = BsonValue.Null,
                    ["last_status_code"] = BsonValue.Null,
                    ["last_error"] = BsonValue.Null,
                });
            }
        }
    }

    private static long TakeFeedNumber(LiteDatabase database)
    {
        var counters = database.GetCollection(Collections.Counters);
        var last = (counters.FindById(LayoutUpgrade.FeedCounter) is { } counter ? counter["last"].AsInt64 : 0L) + 1;
        counters.Upsert(new BsonDocument { ["_id"] = LayoutUpgrade.FeedCounter, ["last"] = last });
        return last;
    }

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive run numbers and returns the first. The file has one writer and this
    /// runs in its transaction, so the numbers are unique and grow in the order runs are accepted; a transaction that
    /// rolls back gives its numbers back.
    /// </summary>
    private static long TakeRunNumbers(LiteDatabase database, int count)
    {
        var counters = database.GetCollection(Collections.Counters);
        var counter = counters.FindById("run_numbers");
        var last = (counter is null ? 0L : counter["last"].AsInt64) + count;
        counters.Upsert(new BsonDocument { ["_id"] = "run_numbers", ["last"] = last });
        return last - count + 1;
    }
}
