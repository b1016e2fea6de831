using System.Globalization;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Common.Json;
using Webhooks.Modular.Storage.Common.Writes;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Events;

/// <summary>
/// Writes an event with its runs and its outbox deliveries. Shared by accepting a request and by completing a
/// run (whose outcome event is committed with the run's result), so both lay the rows out the same way.
/// </summary>
internal static class AcceptedWebhookWriter
{
    /// <summary>An event id as stored.</summary>
    /// <param name="id">The id.</param>
    /// <remarks>
    /// Guids are stored as text, not Microsoft.Data.Sqlite's default 16-byte blob, so that the sqlite3 shell and
    /// every other reader of the file see the same id the API shows.
    /// </remarks>
    public static string FormatId(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>
    /// Inserts the event, its runs (queued) and its deliveries (pending). A delivery whose destination no longer
    /// exists (deleted between planning and this write) is left out rather than failing the whole write.
    /// </summary>
    /// <param name="transaction">The writer's transaction.</param>
    /// <param name="prepared">What to write.</param>
    /// <param name="now">The present, in unix milliseconds.</param>
    public static void Insert(SqliteTransaction transaction, PreparedWebhook prepared, long now)
    {
        var connection = transaction.Connection!;
        var webhook = prepared.Webhook;
        var eventId = FormatId(webhook.Event.Id);

        using (var insertEvent = connection.CreateCommand())
        {
            insertEvent.Transaction = transaction;
            insertEvent.CommandText = """
                INSERT INTO events (id, request_id, hook_name, method, path, headers, query, body, remote_address, received_at, subject)
                VALUES ($id, $request_id, $hook_name, $method, $path, $headers, $query, $body, $remote_address, $received_at, $subject)
                """;
            var e = webhook.Event;
            insertEvent.Parameters.AddWithValue("$id", eventId);
            insertEvent.Parameters.AddWithValue("$request_id", e.RequestId);
            insertEvent.Parameters.AddWithValue("$hook_name", e.HookName);
            insertEvent.Parameters.AddWithValue("$method", e.Method);
            insertEvent.Parameters.AddWithValue("$path", e.Path);
            insertEvent.Parameters.AddWithValue("$headers", prepared.HeadersJson);
            insertEvent.Parameters.AddWithValue("$query", prepared.QueryJson);
            insertEvent.Parameters.Add("$body", SqliteType.Blob).Value = e.Body ?? [];
            insertEvent.Parameters.AddWithValue("$remote_address", (object?)e.RemoteAddress ?? DBNull.Value);
            insertEvent.Parameters.AddWithValue("$received_at", UnixTime.ToMilliseconds(e.ReceivedAt));
            insertEvent.Parameters.AddWithValue("$subject", (object?)e.Subject ?? DBNull.Value);
            insertEvent.ExecuteNonQuery();
        }

        if (webhook.Runs.Count > 0)
        {
            var number = TakeRunNumbers(transaction, webhook.Runs.Count);
            using var insertRun = connection.CreateCommand();
            insertRun.Transaction = transaction;
            insertRun.CommandText = """
                INSERT INTO runs (id, event_id, request_id, hook_name, action_type, input, status, attempt, max_attempts, created_at, available_at, number)
                VALUES ($id, $event_id, $request_id, $hook_name, $action_type, $input, 'queued', 0, $max_attempts, $now, $now, $number)
                """;
            var id = insertRun.Parameters.Add("$id", SqliteType.Text);
            var runNumber = insertRun.Parameters.Add("$number", SqliteType.Integer);
            insertRun.Parameters.AddWithValue("$event_id", eventId);
            insertRun.Parameters.AddWithValue("$request_id", webhook.Event.RequestId);
            var hookName = insertRun.Parameters.Add("$hook_name", SqliteType.Text);
            var actionType = insertRun.Parameters.Add("$action_type", SqliteType.Text);
            var input = insertRun.Parameters.Add("$input", SqliteType.Text);
            var maxAttempts = insertRun.Parameters.Add("$max_attempts", SqliteType.Integer);
            insertRun.Parameters.AddWithValue("$now", now);
            foreach (var run in webhook.Runs)
            {
                id.Value = run.Id;
                hookName.Value = run.HookName;
                actionType.Value = run.ActionType;
                input.Value = run.Input;
                maxAttempts.Value = run.MaxAttempts;
                runNumber.Value = number++;
                insertRun.ExecuteNonQuery();
            }
        }

        if (webhook.Deliveries is { Count: > 0 } deliveries)
        {
            using var insertDelivery = connection.CreateCommand();
            insertDelivery.Transaction = transaction;
            insertDelivery.CommandText = """
                INSERT INTO deliveries (
                    id, destination_id, event_id, event_type, content_type, body, status, attempts, retries,
                    next_attempt_at, lease_token, created_at)
                SELECT $id, $destination_id, $event_id, $event_type, $content_type, $body, 'pending', 0, 0,
                    $next_attempt_at, 0, $now
                WHERE EXISTS (SELECT 1 FROM destinations WHERE id = $destination_id)
                """;
            var id = insertDelivery.Parameters.Add("$id", SqliteType.Text);
            var destinationId = insertDelivery.Parameters.Add("$destination_id", SqliteType.Text);
            insertDelivery.Parameters.AddWithValue("$event_id", eventId);
            var eventType = insertDelivery.Parameters.Add("$event_type", SqliteType.Text);
            var contentType = insertDelivery.Parameters.Add("$content_type", SqliteType.Text);
            var body = insertDelivery.Parameters.Add("$body", SqliteType.Blob);
            var nextAttemptAt = insertDelivery.Parameters.Add("$next_attempt_at", SqliteType.Integer);
            insertDelivery.Parameters.AddWithValue("$now", now);
            foreach (var delivery in deliveries)
            {
                id.Value = delivery.Id;
                destinationId.Value = delivery.DestinationId;
                eventType.Value = delivery.EventType;
                contentType.Value = delivery.ContentType;
                body.Value = delivery.Body;
                nextAttemptAt.Value = UnixTime.ToMilliseconds(delivery.NextAttemptAt);
                insertDelivery.ExecuteNonQuery();
            }
        }
    }

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive run numbers and returns the first. The store has one writer and
    /// this runs in its transaction, so the numbers are unique and grow in the order runs are accepted; a transaction
    /// that rolls back gives its numbers back.
    /// </summary>
    public static long TakeRunNumbers(SqliteTransaction transaction, int count)
    {
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE run_numbers SET last = last + $count WHERE id = 1 RETURNING last";
        command.Parameters.AddWithValue("$count", count);
        var last = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return last - count + 1;
    }
}
