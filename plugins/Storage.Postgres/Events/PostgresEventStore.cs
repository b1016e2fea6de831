using Npgsql;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Common.Json;
using Webhooks.Modular.Storage.Common.Writes;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Events;

/// <summary>
/// Stores events with their runs, outbox deliveries and idempotency keys, all in one transaction. Duplicates are
/// found by the database's unique constraints, so two hosts accepting the same key or run id at once cannot both
/// succeed: the second waits for the first to commit, then sees its rows.
/// </summary>
internal sealed class PostgresEventStore : IEventStore
{
    private const string IdempotencyKeyConflict = "idempotency-key";
    private const string RunIdConflict = "run-id";
    internal const string EventColumns = "id, request_id, hook_name, method, path, headers, query, body, remote_address, received_at, subject";

    // A key that collides and is then gone before it can be read (purged, or replaced by a third request) is
    // accepted on a later try; three are far more than that race ever needs.
    private const int MaxAcceptTries = 3;

    private readonly PostgresDatabase _database;
    private readonly AcceptedWebhookWriter _writer;
    private readonly string _upsertKey;
    private readonly string _findKey;
    private readonly string _getEvent;
    private readonly string _listEvents;
    private readonly string _listEventsOfSubject;
    private readonly string _purgeKeys;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The shared database.</param>
    /// <param name="writer">Writes events with their runs and deliveries.</param>
    public PostgresEventStore(PostgresDatabase database, AcceptedWebhookWriter writer)
    {
        _database = database;
        _writer = writer;
        var s = database.Schema;

        // First in the transaction: the primary key (scope, key) decides. A live key makes this insert nothing
        // (after waiting for an uncommitted first request to finish); an expired one is replaced.
        _upsertKey = $"""
            INSERT INTO {s}.idempotency_keys AS k (scope, key, event_id, run_ids, created_at, expires_at, request_id, fingerprint)
            VALUES (@scope, @key, @event_id, @run_ids, @now, @expires_at, @request_id, @fingerprint)
            ON CONFLICT (scope, key) DO UPDATE SET
                event_id = excluded.event_id,
                run_ids = excluded.run_ids,
                request_id = excluded.request_id,
                fingerprint = excluded.fingerprint,
                created_at = excluded.created_at,
                expires_at = excluded.expires_at
            WHERE k.expires_at <= @now
            """;
        _findKey = $"SELECT event_id, run_ids, request_id, fingerprint FROM {s}.idempotency_keys WHERE scope = @scope AND key = @key AND expires_at > @now";
        _getEvent = $"SELECT {EventColumns} FROM {s}.events WHERE id = @id";
        _listEvents = $"SELECT {EventColumns} FROM {s}.events ORDER BY received_at DESC, id DESC LIMIT @limit";
        _listEventsOfSubject = $"SELECT {EventColumns} FROM {s}.events WHERE subject = @subject ORDER BY received_at DESC, id DESC LIMIT @limit";

        // SKIP LOCKED: a key some request is replacing right now is left for the next purge.
        _purgeKeys = $"""
            DELETE FROM {s}.idempotency_keys AS k
            USING (
                SELECT scope, key FROM {s}.idempotency_keys WHERE expires_at <= @now
                ORDER BY expires_at LIMIT @max FOR UPDATE SKIP LOCKED) AS expired
            WHERE k.scope = expired.scope AND k.key = expired.key
            """;
    }

    /// <inheritdoc />
    public async Task<AcceptResult> AcceptAsync(AcceptedWebhook webhook, CancellationToken cancellationToken)
    {
        var prepared = PreparedWebhook.From(webhook, nameof(webhook));
        var key = webhook.IdempotencyKey;

        if (prepared.HasRepeatedRunIds)
        {
            // The request collides with itself; the key, if any, still wins, as it would have been checked first.
            return (key is null ? null : await FindIdempotencyKeyAsync(key.Scope, key.Key, cancellationToken).ConfigureAwait(false))
                ?? new AcceptResult(false, null, [], RunIdConflict);
        }

        for (var attempt = 1; ; attempt++)
        {
            var result = await _database.InTransactionAsync(
                (connection, transaction) => AcceptAsync(connection, transaction, prepared, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (result is not null)
            {
                return result;
            }

            // The key collided: that transaction is rolled back; the first request's rows are committed (the insert
            // waited for them), so a fresh statement sees them.
            if (await FindIdempotencyKeyAsync(key!.Scope, key.Key, cancellationToken).ConfigureAwait(false) is { } earlier)
            {
                return earlier;
            }

            if (attempt == MaxAcceptTries)
            {
                throw new InvalidOperationException(
                    $"The idempotency key '{key.Key}' of scope '{key.Scope}' collided {MaxAcceptTries} times with a key that was gone when read.");
            }
        }
    }

    /// <inheritdoc />
    public Task<WebhookEvent?> GetEventAsync(Guid id, CancellationToken cancellationToken) =>
        _database.QuerySingleAsync(_getEvent, [("id", id)], r => ReadEvent(r), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookEvent>> ListEventsAsync(string? subject, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return subject is null
            ? _database.QueryAsync(_listEvents, [("limit", limit)], r => ReadEvent(r), cancellationToken)
            : _database.QueryAsync(_listEventsOfSubject, [("subject", subject), ("limit", limit)], r => ReadEvent(r), cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> PurgeExpiredIdempotencyKeysAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return _database.ExecuteAsync(_purgeKeys, [("now", StoredTime.From(now)), ("max", max)], cancellationToken);
    }

    /// <inheritdoc />
    public Task<AcceptResult?> FindIdempotencyKeyAsync(string scope, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        return _database.QuerySingleAsync(
            _findKey,
            [("scope", scope), ("key", key), ("now", _database.Now)],
            reader => new AcceptResult(false, reader.GetGuid(0), reader.GetFieldValue<string[]>(1), IdempotencyKeyConflict)
            {
                RequestId = reader.IsDBNull(2) ? null : reader.GetString(2),
                Fingerprint = reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3),
            },
            cancellationToken);
    }

    internal static WebhookEvent ReadEvent(NpgsqlDataReader reader, int first = 0) => new(
        reader.GetGuid(first + 0),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        reader.GetString(first + 3),
        reader.GetString(first + 4),
        JsonColumns.ReadValues(reader.GetString(first + 5)),
        JsonColumns.ReadValues(reader.GetString(first + 6)),
        reader.GetFieldValue<byte[]>(first + 7),
        reader.IsDBNull(first + 8) ? null : reader.GetString(first + 8),
        StoredTime.Read(reader, first + 9),
        reader.IsDBNull(first + 10) ? null : reader.GetString(first + 10));

    /// <summary>One try: the accepted result, a run-id conflict, or <c>null</c> when the key collided.</summary>
    private async Task<AcceptResult?> AcceptAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PreparedWebhook prepared, CancellationToken cancellationToken)
    {
        var webhook = prepared.Webhook;
        var now = _database.Now;

        // Everything goes in one batch (one round trip); a duplicate is found from the row counts afterwards and
        // the transaction rolled back, so it writes nothing.
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch.ConfigureAwait(false))
        {
            var keyIndex = -1;
            if (webhook.IdempotencyKey is { } key)
            {
                keyIndex = SqlBatches.Add(batch, _upsertKey, [
                    ("scope", key.Scope),
                    ("key", key.Key),
                    ("event_id", webhook.Event.Id),
                    ("run_ids", prepared.RunIds),
                    ("now", now),
                    ("expires_at", StoredTime.From(key.ExpiresAt)),
                    ("request_id", webhook.Event.RequestId),
                    ("fingerprint", key.Fingerprint),
                ]);
            }

            var runsIndex = _writer.AddInserts(batch, prepared, now);

            // Cancelling here rolls the whole write back; only the commit below is not cancelled half-way.
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            if (keyIndex >= 0 && batch.BatchCommands[keyIndex].RecordsAffected != 1)
            {
                return null;
            }

            if (runsIndex >= 0 && batch.BatchCommands[runsIndex].RecordsAffected != prepared.RunIds.Length)
            {
                return new AcceptResult(false, null, [], RunIdConflict);
            }

            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return new AcceptResult(true, webhook.Event.Id, prepared.RunIds, null);
        }
    }
}
