using LiteDB;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Common.Json;
using Webhooks.Modular.Storage.Common.Writes;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Events;

/// <summary>Stores events with their runs, outbox deliveries and idempotency keys, all in one write.</summary>
internal sealed class LiteDbEventStore : IEventStore
{
    private const string IdempotencyKeyConflict = "idempotency-key";
    private const string RunIdConflict = "run-id";

    private readonly LiteDbDatabase _database;

    /// <summary>Creates the store.</summary>
    /// <param name="database">The shared database.</param>
    public LiteDbEventStore(LiteDbDatabase database) => _database = database;

    /// <inheritdoc />
    public Task<AcceptResult> AcceptAsync(AcceptedWebhook webhook, CancellationToken cancellationToken)
    {
        var prepared = PreparedWebhook.From(webhook, nameof(webhook));
        return _database.WriteAsync(database => Accept(database, prepared), cancellationToken);
    }

    /// <inheritdoc />
    public Task<WebhookEvent?> GetEventAsync(Guid id, CancellationToken cancellationToken) =>
        _database.ReadAsync(
            database => database.GetCollection(Collections.Events).FindById(AcceptedWebhookWriter.FormatId(id)) is { } document ? ReadEvent(document) : null,
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookEvent>> ListEventsAsync(string? subject, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _database.ReadAsync<IReadOnlyList<WebhookEvent>>(
            database =>
            {
                // Newest first along the order index; a subject filters that walk rather than sorting its matches.
                var query = database.GetCollection(Collections.Events).Query();
                if (subject is not null)
                {
                    query = query.Where(Query.EQ("subject", subject));
                }

                return query.OrderByDescending("$.order").Limit(limit).ToEnumerable().Select(ReadEvent).ToList();
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> PurgeExpiredIdempotencyKeysAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var nowMilliseconds = UnixTime.ToMilliseconds(now);
        return _database.WriteAsync(
            database =>
            {
                var keys = database.GetCollection(Collections.IdempotencyKeys);
                var expired = keys.Query()
                    .Where(Query.LTE("expires_at", nowMilliseconds))
                    .OrderBy("$.expires_at")
                    .Limit(max)
                    .ToEnumerable()
                    .Select(d => d["_id"])
                    .ToList();
                foreach (var id in expired)
                {
                    keys.Delete(id);
                }

                return expired.Count;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<AcceptResult?> FindIdempotencyKeyAsync(string scope, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(key);
        return _database.ReadAsync(database => FindKey(database, scope, key, _database.NowMilliseconds), cancellationToken);
    }

    /// <summary>Reads a stored event.</summary>
    /// <param name="document">The stored event.</param>
    internal static WebhookEvent ReadEvent(BsonDocument document) => new(
        Guid.Parse(document["_id"].AsString),
        document["request_id"].AsString,
        document["hook_name"].AsString,
        document["method"].AsString,
        document["path"].AsString,
        JsonColumns.ReadValues(document["headers"].AsString),
        JsonColumns.ReadValues(document["query"].AsString),
        Documents.Bytes(document, "body"),
        Documents.OptionalText(document, "remote_address"),
        Documents.Time(document, "received_at"),
        Documents.OptionalText(document, "subject"));

    // Scope and key in one id; the length prefix keeps ("a", "bc") and ("ab", "c") apart.
    private static string KeyId(string scope, string key) => scope.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + scope + key;

    private static AcceptResult? FindKey(LiteDatabase database, string scope, string key, long now)
    {
        var document = database.GetCollection(Collections.IdempotencyKeys).FindById(KeyId(scope, key));
        if (document is null || document["expires_at"].AsInt64 <= now)
        {
            return null;
        }

        return new AcceptResult(
            false,
            Guid.Parse(document["event_id"].AsString),
            document["run_ids"].AsArray.Select(v => v.AsString).ToArray(),
            IdempotencyKeyConflict)
        {
            RequestId = Documents.OptionalText(document, "request_id"),
            Fingerprint = document.TryGetValue("fingerprint", out var fingerprint) && !fingerprint.IsNull ? fingerprint.AsBinary : null,
        };
    }

    private AcceptResult Accept(LiteDatabase database, PreparedWebhook prepared)
    {
        var webhook = prepared.Webhook;
        var now = _database.NowMilliseconds;

        // Checked inside the write, not before queueing it: only here is the answer still true at commit, including
        // against a duplicate queued in the same batch.
        if (webhook.IdempotencyKey is { } idempotencyKey && FindKey(database, idempotencyKey.Scope, idempotencyKey.Key, now) is { } earlier)
        {
            return earlier;
        }

        if (prepared.HasRepeatedRunIds)
        {
            return new AcceptResult(false, null, [], RunIdConflict);
        }

        var runs = database.GetCollection(Collections.Runs);
        foreach (var runId in prepared.RunIds)
        {
            if (runs.FindById(runId) is not null)
            {
                return new AcceptResult(false, null, [], RunIdConflict);
            }
        }

        AcceptedWebhookWriter.Insert(database, prepared, now);

        if (webhook.IdempotencyKey is { } newKey)
        {
            // An expired key with the same scope and key is replaced, as the SQL stores do.
            database.GetCollection(Collections.IdempotencyKeys).Upsert(new BsonDocument
            {
                ["_id"] = KeyId(newKey.Scope, newKey.Key),
                ["scope"] = newKey.Scope,
                ["key"] = newKey.Key,
                ["event_id"] = AcceptedWebhookWriter.FormatId(webhook.Event.Id),
                ["run_ids"] = new BsonArray(prepared.RunIds.Select(id => new BsonValue(id))),
                ["created_at"] = now,
                ["expires_at"] = UnixTime.ToMilliseconds(newKey.ExpiresAt),
                ["request_id"] = webhook.Event.RequestId,
                ["fingerprint"] = newKey.Fingerprint is { } fingerprint ? new BsonValue(fingerprint) : BsonValue.Null,
            });
        }

        return new AcceptResult(true, webhook.Event.Id, prepared.RunIds, null);
    }
}
