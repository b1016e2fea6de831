using Npgsql;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Common.Json;
using Webhooks.Modular.Storage.Common.Writes;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Events;

/// <summary>
/// Writes an event with its runs and its outbox deliveries, as statements added to a batch (one round trip). Shared
/// by accepting a request and by completing a run (whose outcome event is committed with the run's result).
/// </summary>
internal sealed class AcceptedWebhookWriter
{
    private readonly PostgresDatabase _database;
    private readonly string _insertEvent;
    private readonly string _insertRuns;
    private readonly string _insertDeliveries;

    /// <summary>Creates the writer.</summary>
    /// <param name="database">The shared database.</param>
    public AcceptedWebhookWriter(PostgresDatabase database)
    {
        _database = database;
        var s = database.Schema;
        _insertEvent = $"""
            INSERT INTO {s}.events (id, request_id, hook_name, method, path, headers, query, body, remote_address, received_at, subject)
            VALUES (@id, @request_id, @hook_name, @method, @path, @headers::json, @query::json, @body, @remote_address::text, @received_at, @subject::text)
            """;

        // A run id already taken makes the statement insert fewer rows than asked: the caller compares the count
        // and rolls back. A concurrent transaction inserting the same id makes this one wait for its outcome, so
        // two hosts can never both insert it. Each run's number is the column's default, the next value of the
        // run_numbers sequence that every host shares.
        _insertRuns = $"""
            INSERT INTO {s}.runs (id, event_id, request_id, hook_name, action_type, input, status, attempt, max_attempts, created_at, available_at)
            SELECT r.id, @event_id, @request_id, r.hook_name, r.action_type, r.input, 'queued', 0, r.max_attempts, @now, @now
            FROM unnest(@ids::text[], @hook_names::text[], @action_types::text[], @inputs::text[], @max_attempts::integer[])
                AS r (id, hook_name, action_type, input, max_attempts)
            ON CONFLICT (id) DO NOTHING
            """;

        // Destinations are key-share locked first: one being deleted right now is waited for and then left out,
        // and one that exists cannot be deleted until this commits (its deletion then cascades to these rows).
        _insertDeliveries = $"""
            WITH live AS (
                SELECT id FROM {s}.destinations WHERE id = ANY(@destination_ids::text[]) FOR KEY SHARE)
            INSERT INTO {s}.deliveries (
                id, destination_id, event_id, event_type, content_type, body, status, attempts, retries,
                next_attempt_at, lease_token, created_at)
            SELECT d.id, d.destination_id, @event_id, d.event_type, d.content_type, d.body, 'pending', 0, 0,
                d.next_attempt_at, 0, @now
            FROM unnest(@ids::text[], @destination_ids::text[], @event_types::text[], @content_types::text[], @bodies::bytea[],
                @next_attempt_at::timestamptz[]) AS d (id, destination_id, event_type, content_type, body, next_attempt_at)
            WHERE d.destination_id IN (SELECT id FROM live)
            """;
    }

    /// <summary>
    /// Adds the inserts of the event, its runs (queued) and its deliveries (pending) to <paramref name="batch"/>, and
    /// the notifications that wake the workers of every host once it commits. A delivery whose destination no
    /// longer exists (deleted between planning and this write) is left out rather than failing the whole write.
    /// </summary>
    /// <param name="batch">The batch, on a connection inside a transaction.</param>
    /// <param name="prepared">What to write.</param>
    /// <param name="now">The present, as stored.</param>
    /// <returns>The index of the runs' insert in the batch, whose row count must equal the runs' count; -1 when there are none.</returns>
    public int AddInserts(NpgsqlBatch batch, PreparedWebhook prepared, DateTimeOffset now)
    {
        var webhook = prepared.Webhook;
        var e = webhook.Event;
        SqlBatches.Add(batch, _insertEvent, [
            ("id", e.Id),
            ("request_id", e.RequestId),
            ("hook_name", e.HookName),
            ("method", e.Method),
            ("path", e.Path),
            ("headers", prepared.HeadersJson),
            ("query", prepared.QueryJson),
            ("body", e.Body ?? []),
            ("remote_address", e.RemoteAddress),
            ("received_at", StoredTime.From(e.ReceivedAt)),
            ("subject", e.Subject),
        ]);

        var notifications = new List<string>(2);
        var runsIndex = -1;
        if (webhook.Runs.Count > 0)
        {
            // Inserted in id order, so that two transactions with overlapping ids lock them in the same order and
            // wait for each other rather than deadlock.
            var runs = webhook.Runs.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
            runsIndex = SqlBatches.Add(batch, _insertRuns, [
                ("event_id", e.Id),
                ("request_id", e.RequestId),
                ("now", now),
                ("ids", runs.Select(r => r.Id).ToArray()),
                ("hook_names", runs.Select(r => r.HookName).ToArray()),
                ("action_types", runs.Select(r => r.ActionType).ToArray()),
                ("inputs", runs.Select(r => r.Input).ToArray()),
                ("max_attempts", runs.Select(r => r.MaxAttempts).ToArray()),
            ]);
            notifications.Add(_database.Notify(StoreSignalKinds.Runs));
        }

        if (webhook.Deliveries is { Count: > 0 } deliveries)
        {
            SqlBatches.Add(batch, _insertDeliveries, [
                ("event_id", e.Id),
                ("now", now),
                ("ids", deliveries.Select(d => d.Id).ToArray()),
                ("destination_ids", deliveries.Select(d => d.DestinationId).ToArray()),
                ("event_types", deliveries.Select(d => d.EventType).ToArray()),
                ("content_types", deliveries.Select(d => d.ContentType).ToArray()),
                ("bodies", deliveries.Select(d => d.Body).ToArray()),
                ("next_attempt_at", deliveries.Select(d => StoredTime.From(d.NextAttemptAt)).ToArray()),
            ]);
            notifications.Add(_database.Notify(StoreSignalKinds.Deliveries));
        }

        if (notifications.Count > 0)
        {
            SqlBatches.Add(batch, "SELECT " + string.Join(", ", notifications), []);
        }

        return runsIndex;
    }
}
