using System.Globalization;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Common.Json;
using Webhooks.Modular.Storage.Common.Writes;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Events;

/// <summary>Stores events with their runs, outbox deliveries and idempotency keys, all in one write.</summary>
internal sealed class SqliteEventStore : IEventStore
{
    private const string IdempotencyKeyConflict = "idempotency-key";
    private const string RunIdConflict = "run-id";

    private readonly SqliteDatabase _database;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The shared database.</param>
    public SqliteEventStore(SqliteDatabase database) => _database = database;

    /// <inheritdoc />
    public Task<AcceptResult> AcceptAsync(AcceptedWebhook webhook, CancellationToken cancellationToken)
    {
        var prepared = PreparedWebhook.From(webhook, nameof(webhook));
        return _database.WriteAsync(transaction => Accept(transaction, prepared), cancellationToken);
    }

    /// <inheritdoc />
    public Task<WebhookEvent?> GetEventAsync(Guid id, CancellationToken cancellationToken) =>
        _database.QuerySingleAsync($"SELECT {EventColumns} FROM events WHERE id = $id", [("$id", FormatId(id))], r => ReadEvent(r), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookEvent>> ListEventsAsync(string? subject, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return subject is null
            ? _database.QueryAsync(
                $"SELECT {EventColumns} FROM events ORDER BY received_at DESC, id DESC LIMIT $limit", [("$limit", limit)], r => ReadEvent(r), cancellationToken)
            : _database.QueryAsync(
                $"SELECT {EventColumns} FROM events WHERE subject = $subject ORDER BY received_at DESC, id DESC LIMIT $limit",
                [("$subject", subject), ("$limit", limit)],
                r => ReadEvent(r),
                cancellationToken);
    }

    internal const string EventColumns = "id, request_id, hook_name, method, path, headers, query, body, remote_address, received_at, subject";

    internal static WebhookEvent ReadEvent(SqliteDataReader reader, int first = 0) => new(
        Guid.Parse(reader.GetString(first + 0)),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        reader.GetString(first + 3),
        reader.GetString(first + 4),
        JsonColumns.ReadValues(reader.GetString(first + 5)),
        JsonColumns.ReadValues(reader.GetString(first + 6)),
        reader.IsDBNull(first + 7) ? [] : reader.GetFieldValue<byte[]>(first + 7),
        reader.IsDBNull(first + 8) ? null : reader.GetString(first + 8),
        UnixTime.FromMilliseconds(reader.GetInt64(first + 9)),
        reader.IsDBNull(first + 10) ? null : reader.GetString(first + 10));

    /// <inheritdoc />
    public Task<int> PurgeExpiredIdempotencyKeysAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return _database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    DELETE FROM idempotency_keys WHERE rowid IN (
                        SELECT rowid FROM idempotency_keys WHERE expires_at <= $now ORDER BY expires_at LIMIT $max)
                    """;
                command.Parameters.AddWithValue("$now", UnixTime.ToMilliseconds(now));
                command.Parameters.AddWithValue("$max", max);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AcceptResult?> FindIdempotencyKeyAsync(string scope, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        var connection = await _database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            return FindKey(command, scope, key, _database.NowMilliseconds);
        }
    }

    private static string FormatId(Guid id) => AcceptedWebhookWriter.FormatId(id);

    private static AcceptResult? FindKey(SqliteCommand command, string scope, string key, long now)
    {
        command.CommandText = """
            SELECT event_id, run_ids, request_id, fingerprint FROM idempotency_keys
            WHERE scope = $scope AND key = $key AND expires_at > $now
            """;
        command.Parameters.AddWithValue("$scope", scope);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", now);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new AcceptResult(false, Guid.Parse(reader.GetString(0)), JsonColumns.ReadStrings(reader.GetString(1)), IdempotencyKeyConflict)
        {
            RequestId = reader.IsDBNull(2) ? null : reader.GetString(2),
            Fingerprint = reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3),
        };
    }

    private static bool AnyRunExists(SqliteConnection connection, SqliteTransaction transaction, string[] runIds)
    {
        if (runIds.Length == 0)
        {
            return false;
        }

        // Two runs of one request with the same id collide with each other before they collide with the table.
        if (runIds.Distinct(StringComparer.Ordinal).Count() != runIds.Length)
        {
            return true;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = new string[runIds.Length];
        for (var i = 0; i < runIds.Length; i++)
        {
            names[i] = "$r" + i.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(names[i], runIds[i]);
        }

        command.CommandText = $"SELECT 1 FROM runs WHERE id IN ({string.Join(", ", names)}) LIMIT 1";
        return command.ExecuteScalar() is not null;
    }

    private AcceptResult Accept(SqliteTransaction transaction, PreparedWebhook prepared)
    {
        var connection = transaction.Connection!;
        var webhook = prepared.Webhook;
        var now = _database.NowMilliseconds;
        var eventId = FormatId(webhook.Event.Id);

        // Checked inside the write, not before queueing it: only here is the answer still true at commit,
        // including against a duplicate queued in the same batch.
        if (webhook.IdempotencyKey is { } idempotencyKey)
        {
            using var find = connection.CreateCommand();
            find.Transaction = transaction;
            if (FindKey(find, idempotencyKey.Scope, idempotencyKey.Key, now) is { } earlier)
            {
                return earlier;
            }
        }

        if (AnyRunExists(connection, transaction, prepared.RunIds))
        {
            return new AcceptResult(false, null, [], RunIdConflict);
        }

        // The event, its runs and its outbox deliveries, all inside this operation's savepoint: a duplicate
        // returned above has written none of them.
        AcceptedWebhookWriter.Insert(transaction, prepared, now);

        if (webhook.IdempotencyKey is { } newKey)
        {
            // Reaching here means any row for this scope and key has expired: it is replaced, not kept.
            using var insertKey = connection.CreateCommand();
            insertKey.Transaction = transaction;
            insertKey.CommandText = """
                INSERT INTO idempotency_keys (scope, key, event_id, run_ids, created_at, expires_at, request_id, fingerprint)
                VALUES ($scope, $key, $event_id, $run_ids, $now, $expires_at, $request_id, $fingerprint)
                ON CONFLICT (scope, key) DO UPDATE SET
                    event_id = excluded.event_id,
                    run_ids = excluded.run_ids,
                    request_id = excluded.request_id,
                    fingerprint = excluded.fingerprint,
                    created_at = excluded.created_at,
                    expires_at = excluded.expires_at
                """;
            insertKey.Parameters.AddWithValue("$scope", newKey.Scope);
            insertKey.Parameters.AddWithValue("$key", newKey.Key);
            insertKey.Parameters.AddWithValue("$event_id", eventId);
            insertKey.Parameters.AddWithValue("$run_ids", JsonColumns.WriteStrings(prepared.RunIds));
            insertKey.Parameters.AddWithValue("$now", now);
            insertKey.Parameters.AddWithValue("$expires_at", UnixTime.ToMilliseconds(newKey.ExpiresAt));
            insertKey.Parameters.AddWithValue("$request_id", webhook.Event.RequestId);
            insertKey.Parameters.Add("$fingerprint", SqliteType.Blob).Value = (object?)newKey.Fingerprint ?? DBNull.Value;
            insertKey.ExecuteNonQuery();
        }

        return new AcceptResult(true, webhook.Event.Id, prepared.RunIds, null);
    }
}
