using LiteDB;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.LiteDb.Database;
using Webhooks.Modular.Storage.LiteDb.Deliveries;
using Webhooks.Modular.Storage.LiteDb.Events;
using Webhooks.Modular.Storage.LiteDb.Runs;

namespace Webhooks.Modular.Storage.LiteDb.Queries;

/// <summary>
/// The management API's reads: events, runs and deliveries filtered and paged newest first by their (time, id)
/// order keys, read from the last commit beside the writer.
/// </summary>
internal sealed class LiteDbManagementQueries(LiteDbDatabase database) : IEventQueries, IEventSearch, IRunQueries, IDeliveryQueries
{
    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new PageFilter()
            .Equal("hook_name", query.HookName)
            .Equal("subject", query.Subject)
            .Equal("request_id", query.RequestId)
            .Between(query.From, query.To)
            .After(query.After);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        return database.ReadAsync<IReadOnlyList<WebhookEvent>>(
            db => filter.Page(db.GetCollection(Collections.Events), query.Limit).Select(LiteDbEventStore.ReadEvent).ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HookActivity>> ListHookActivityAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<HookActivity>>(
            db =>
            {
                // LiteDB keeps no per-hook counts, so this reads every event and run (the fields it needs only).
                var events = db.GetCollection(Collections.Events).Query()
                    .Select("{ h: $.hook_name, t: $.received_at }")
                    .ToEnumerable()
                    .GroupBy(d => d["h"].AsString, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => (Count: (long)g.Count(), Last: g.Max(d => d["t"].AsInt64)), StringComparer.Ordinal);
                var runs = db.GetCollection(Collections.Runs).Query()
                    .Select("{ h: $.hook_name, s: $.status, t: $.created_at }")
                    .ToEnumerable()
                    .GroupBy(d => d["h"].AsString, StringComparer.Ordinal)
                    .ToDictionary(
                        g => g.Key,
                        g => (Count: (long)g.Count(), Failed: (long)g.Count(d => d["s"].AsString == "failed"), Last: g.Max(d => d["t"].AsInt64)),
                        StringComparer.Ordinal);
                return events.Keys.Union(runs.Keys, StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .Select(hook =>
                    {
                        var hasEvents = events.TryGetValue(hook, out var e);
                        var hasRuns = runs.TryGetValue(hook, out var r);
                        return new HookActivity(
                            hook,
                            hasEvents ? e.Count : 0,
                            hasEvents ? UnixTime.FromMilliseconds(e.Last) : null,
                            hasRuns ? r.Count : 0,
                            hasRuns ? r.Failed : 0,
                            hasRuns ? UnixTime.FromMilliseconds(r.Last) : null);
                    })
                    .ToList();
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookEvent>> SearchEventBodiesAsync(string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // Bytes, not text: the body is matched exactly as it was received, whatever its encoding.
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        return database.ReadAsync<IReadOnlyList<WebhookEvent>>(
            db => db.GetCollection(Collections.Events).Query()
                .OrderByDescending("$.order")
                .ToEnumerable()
                .Where(d => Documents.Bytes(d, "body").AsSpan().IndexOf(needle) >= 0)
                .Take(limit)
                .Select(LiteDbEventStore.ReadEvent)
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new PageFilter()
            .Equal("hook_name", query.HookName)
            .Equal("status", query.Status is { } status ? RunDocuments.StatusText(status) : null)
            .Equal("event_id", query.EventId is { } eventId ? AcceptedWebhookWriter.FormatId(eventId) : null)
            .Equal("request_id", query.RequestId)
            .Between(query.From, query.To)
            .After(query.After);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        return database.ReadAsync<IReadOnlyList<RunRecord>>(
            db => filter.Page(db.GetCollection(Collections.Runs), query.Limit).Select(RunDocuments.Read).ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryRecord>> QueryDeliveriesAsync(DeliveryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new PageFilter()
            .Equal("destination_id", query.DestinationId)
            .Equal("status", query.Status is { } status ? DeliveryDocuments.StatusText(status) : null)
            .Equal("event_id", query.EventId is { } eventId ? AcceptedWebhookWriter.FormatId(eventId) : null)
            .Between(query.From, query.To)
            .After(query.After);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        return database.ReadAsync<IReadOnlyList<DeliveryRecord>>(
            db => filter.Page(db.GetCollection(Collections.Deliveries), query.Limit).Select(DeliveryDocuments.Read).ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> ListLastSuccessesAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<string, DateTimeOffset>>(
            db => db.GetCollection(Collections.Deliveries).Query()
                .Where(Query.EQ("status", "success"))
                .Select("{ d: $.destination_id, c: $.completed_at }")
                .ToEnumerable()
                .Where(d => !d["c"].IsNull)
                .GroupBy(d => d["d"].AsString, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => UnixTime.FromMilliseconds(g.Max(d => d["c"].AsInt64)), StringComparer.Ordinal),
            cancellationToken);
}
