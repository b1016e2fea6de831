using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Database;
using Webhooks.Modular.Storage.Postgres.Deliveries;
using Webhooks.Modular.Storage.Postgres.Events;
using Webhooks.Modular.Storage.Postgres.Runs;

namespace Webhooks.Modular.Storage.Postgres.Queries;

/// <summary>
/// The management API's reads: events, runs and deliveries filtered and paged newest first by (time, id) keys, so
/// a page is one index range scan (migration 4 adds the indexes an unfiltered or per-event list needs).
/// </summary>
internal sealed class PostgresManagementQueries(PostgresDatabase database) : IEventQueries, IEventSearch, IRunQueries, IDeliveryQueries
{
    private readonly string _schema = database.Schema;

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter()
            .Equal("hook_name", query.HookName)
            .Equal("subject", query.Subject)
            .Equal("request_id", query.RequestId)
            .Between("received_at", query.From, query.To)
            .After("received_at", "id", query.After?.At, query.After is { } after ? EventId(after.Id) : null);
        var limit = filter.Limit(query.Limit);
        return database.QueryAsync(
            $"SELECT {PostgresEventStore.EventColumns} FROM {_schema}.events {filter.Where()} ORDER BY received_at DESC, id DESC LIMIT {limit}",
            filter.Parameters,
            reader => PostgresEventStore.ReadEvent(reader),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HookActivity>> ListHookActivityAsync(CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"""
            SELECT names.hook_name, e.events, e.last_event, r.runs, r.failed, r.last_run
            FROM (SELECT hook_name FROM {_schema}.events UNION SELECT hook_name FROM {_schema}.runs) AS names
            LEFT JOIN (SELECT hook_name, count(*) AS events, max(received_at) AS last_event FROM {_schema}.events GROUP BY hook_name) AS e
                ON e.hook_name = names.hook_name
            LEFT JOIN (SELECT hook_name, count(*) AS runs, count(*) FILTER (WHERE status = 'failed') AS failed, max(created_at) AS last_run
                       FROM {_schema}.runs GROUP BY hook_name) AS r
                ON r.hook_name = names.hook_name
            ORDER BY names.hook_name
            """,
            [],
            reader => new HookActivity(
                reader.GetString(0),
                reader.IsDBNull(1) ? 0 : reader.GetInt64(1),
                StoredTime.ReadNullable(reader, 2),
                reader.IsDBNull(3) ? 0 : reader.GetInt64(3),
                reader.IsDBNull(4) ? 0 : reader.GetInt64(4),
                StoredTime.ReadNullable(reader, 5)),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookEvent>> SearchEventBodiesAsync(string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return database.QueryAsync(
            $"SELECT {PostgresEventStore.EventColumns} FROM {_schema}.events WHERE position(@text IN body) > 0 ORDER BY received_at DESC, id DESC LIMIT @limit",
            [("text", System.Text.Encoding.UTF8.GetBytes(text)), ("limit", limit)],
            reader => PostgresEventStore.ReadEvent(reader),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> QueryRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter()
            .Equal("hook_name", query.HookName)
            .Equal("status", query.Status is { } status ? RunRows.StatusText(status) : null)
            .Equal("event_id", query.EventId)
            .Equal("request_id", query.RequestId)
            .Between("created_at", query.From, query.To)
            .After("created_at", "id", query.After?.At, query.After?.Id);
        var limit = filter.Limit(query.Limit);
        return database.QueryAsync(
            $"SELECT {RunRows.Columns} FROM {_schema}.runs {filter.Where()} ORDER BY created_at DESC, id DESC LIMIT {limit}",
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
            .Equal("event_id", query.EventId)
            .Between("created_at", query.From, query.To)
            .After("created_at", "id", query.After?.At, query.After?.Id);
        var limit = filter.Limit(query.Limit);
        return database.QueryAsync(
            $"SELECT {DeliveryRows.Columns} FROM {_schema}.deliveries {filter.Where()} ORDER BY created_at DESC, id DESC LIMIT {limit}",
            filter.Parameters,
            DeliveryRows.Read,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ListLastSuccessesAsync(CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(
            $"SELECT destination_id, max(completed_at) FROM {_schema}.deliveries WHERE status = 'success' AND completed_at IS NOT NULL GROUP BY destination_id",
            [],
            reader => (Id: reader.GetString(0), At: StoredTime.Read(reader, 1)),
            cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(row => row.Id, row => row.At, StringComparer.Ordinal);
    }

    // An id that is not a uuid cannot be a position in the events (the cursor is opaque but could be forged).
    private static object EventId(string id) =>
        Guid.TryParse(id, out var parsed) ? parsed : throw new ArgumentException($"'{id}' is not an event id.", nameof(id));
}
