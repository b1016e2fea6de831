using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Database;
using Webhooks.Modular.Storage.Sqlite.Deliveries;
using Webhooks.Modular.Storage.Sqlite.Events;
using Webhooks.Modular.Storage.Sqlite.Runs;

namespace Webhooks.Modular.Storage.Sqlite.Queries;

/// <summary>
/// The management API's reads: events, runs and deliveries filtered and paged newest first by (time, id) keys, so
/// a page is one index range scan (migration 10 adds the indexes an unfiltered or per-event list needs).
/// </summary>
internal sealed class SqliteManagementQueries(SqliteDatabase database) : IEventQueries, IEventSearch, IRunQueries, IDeliveryQueries
{
    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter()
            .Equal("hook_name", query.HookName)
            .Equal("subject", query.Subject)
            .Equal("request_id", query.RequestId)
            .Between("received_at", query.From, query.To)
            .After("received_at", "id", query.After);
        var limit = filter.Limit(query.Limit);
        return database.QueryAsync(
            $"SELECT {SqliteEventStore.EventColumns} FROM events {filter.Where()} ORDER BY received_at DESC, id DESC LIMIT {limit}",
            filter.Parameters,
            reader => SqliteEventStore.ReadEvent(reader),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HookActivity>> ListHookActivityAsync(CancellationToken cancellationToken) =>
        database.QueryAsync(
            """
            SELECT names.hook_name, e.events, e.last_event, r.runs, r.failed, r.last_run
            FROM (SELECT hook_name FROM events UNION SELECT hook_name FROM runs) AS names
            LEFT JOIN (SELECT hook_name, COUNT(*) AS events, MAX(received_at) AS last_event FROM events GROUP BY hook_name) AS e
                ON e.hook_name = names.hook_name
            LEFT JOIN (SELECT hook_name, COUNT(*) AS runs, SUM(status = 'failed') AS failed, MAX(created_at) AS last_run FROM runs GROUP BY hook_name) AS r
                ON r.hook_name = names.hook_name
            ORDER BY names.hook_name
            """,
            [],
            reader => new HookActivity(
                reader.GetString(0),
                reader.IsDBNull(1) ? 0 : reader.GetInt64(1),
                reader.IsDBNull(2) ? null : UnixTime.FromMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? 0 : reader.GetInt64(3),
                reader.IsDBNull(4) ? 0 : reader.GetInt64(4),
                reader.IsDBNull(5) ? null : UnixTime.FromMilliseconds(reader.GetInt64(5))),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookEvent>> SearchEventBodiesAsync(string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        // Both blobs: instr compares bytes, so any UTF-8 text is found exactly as sent.
        return database.QueryAsync(
            $"SELECT {SqliteEventStore.EventColumns} FROM events WHERE instr(body, $text) > 0 ORDER BY received_at DESC, id DESC LIMIT $limit",
            [("$text", System.Text.Encoding.UTF8.GetBytes(text)), ("$limit", limit)],
            reader => SqliteEventStore.ReadEvent(reader),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter()
            .Equal("hook_name", query.HookName)
            .Equal("status", query.Status is { } status ? RunRows.StatusText(status) : null)
            .Equal("event_id", query.EventId is { } eventId ? AcceptedWebhookWriter.FormatId(eventId) : null)
            .Equal("request_id", query.RequestId)
            .Between("created_at", query.From, query.To)
            .After("created_at", "id", query.After);
        var limit = filter.Limit(query.Limit);
        return database.QueryAsync(
            $"SELECT {RunRows.Columns} FROM runs {filter.Where()} ORDER BY created_at DESC, id DESC LIMIT {limit}",
            filter.Parameters,
            RunRows.Read,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DeliveryRecord>> QueryDeliveriesAsync(DeliveryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter()
            .Equal("destination_id", query.DestinationId)
            .Equal("status", query.Status is { } status ? DeliveryRows.StatusText(status) : null)
            .Equal("event_id", query.EventId is { } eventId ? AcceptedWebhookWriter.FormatId(eventId) : null)
            .Between("created_at", query.From, query.To)
            .After("created_at", "id", query.After);
        var limit = filter.Limit(query.Limit);
        return database.QueryAsync(
            $"SELECT {DeliveryRows.Columns} FROM deliveries {filter.Where()} ORDER BY created_at DESC, id DESC LIMIT {limit}",
            filter.Parameters,
            DeliveryRows.Read,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ListLastSuccessesAsync(CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(
            "SELECT destination_id, MAX(completed_at) FROM deliveries WHERE status = 'success' AND completed_at IS NOT NULL GROUP BY destination_id",
            [],
            reader => (Id: reader.GetString(0), At: UnixTime.FromMilliseconds(reader.GetInt64(1))),
            cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(row => row.Id, row => row.At, StringComparer.Ordinal);
    }
}
