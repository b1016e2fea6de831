using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Retention;

/// <summary>
/// Deletes expired history a batch at a time, one statement per batch. Rows another transaction holds (a worker
/// recording an attempt) are skipped (SKIP LOCKED) and left for a later pass, and the status is checked again on
/// the locked row, so a run or delivery made pending again meanwhile stays.
/// </summary>
internal sealed class PostgresStoreRetention : IStoreRetention
{
    private readonly PostgresDatabase _database;

    /// <summary>Creates the purger.</summary>
    /// <param name="database">The shared database.</param>
    public PostgresStoreRetention(PostgresDatabase database) => _database = database;

    /// <inheritdoc />
    public Task<int> PurgeAsync(RetentionPurge purge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purge);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(purge.Max);
        var s = _database.Schema;
        var sql = purge.Kind switch
        {
            RetentionKind.Runs => $"""
                DELETE FROM {s}.runs WHERE id IN (
                    SELECT id FROM {s}.runs
                    WHERE status IN ('succeeded', 'failed') AND created_at < @before {HookFilter(purge, "hook_name")}
                    ORDER BY created_at LIMIT @max FOR UPDATE SKIP LOCKED)
                """,

            // A delivery belongs to its event's hook; its attempts go with it (ON DELETE CASCADE).
            RetentionKind.Deliveries => $"""
                DELETE FROM {s}.deliveries WHERE id IN (
                    SELECT d.id FROM {s}.deliveries d
                    WHERE d.status IN ('success', 'failed') AND d.created_at < @before
                        {(HookFilter(purge, "e.hook_name") is { Length: > 0 } hook ? $"AND EXISTS (SELECT 1 FROM {s}.events e WHERE e.id = d.event_id {hook})" : string.Empty)}
                    ORDER BY d.created_at LIMIT @max FOR UPDATE OF d SKIP LOCKED)
                """,

            // Events still referred to are skipped; each goes in a later pass, once its runs, deliveries and keys have.
            RetentionKind.Events => $"""
                DELETE FROM {s}.events WHERE id IN (
                    SELECT e.id FROM {s}.events e
                    WHERE e.received_at < @before {HookFilter(purge, "e.hook_name")}
                        AND NOT EXISTS (SELECT 1 FROM {s}.runs r WHERE r.event_id = e.id)
                        AND NOT EXISTS (SELECT 1 FROM {s}.deliveries d WHERE d.event_id = e.id)
                        AND NOT EXISTS (SELECT 1 FROM {s}.idempotency_keys k WHERE k.event_id = e.id)
                    ORDER BY e.received_at LIMIT @max FOR UPDATE OF e SKIP LOCKED)
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(purge), purge.Kind, "unknown retention kind"),
        };
        return _database.ExecuteAsync(
            sql,
            [("before", StoredTime.From(purge.Before)), ("max", purge.Max), ("hook", purge.HookName), ("except", purge.ExceptHooks.ToArray())],
            cancellationToken);
    }

    private static string HookFilter(RetentionPurge purge, string column) =>
        purge.HookName is not null ? $"AND {column} = @hook::text"
        : purge.ExceptHooks.Count > 0 ? $"AND {column} <> ALL (@except::text[])"
        : string.Empty;
}
