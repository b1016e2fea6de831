using System.Text.Json;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Retention;

/// <summary>
/// Deletes expired history a batch at a time through the single writer, so accepts wait behind one small batch at
/// most. Only finished runs and deliveries, and only events nothing refers to any more (the foreign keys would
/// refuse the rest anyway).
/// </summary>
internal sealed class SqliteStoreRetention(SqliteDatabase database) : IStoreRetention
{
    /// <inheritdoc />
    public Task<int> PurgeAsync(RetentionPurge purge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purge);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(purge.Max);
        return database.WriteAsync(
            transaction => purge.Kind switch
            {
                RetentionKind.Runs => PurgeRuns(transaction, purge),
                RetentionKind.Deliveries => PurgeDeliveries(transaction, purge),
                RetentionKind.Events => PurgeEvents(transaction, purge),
                _ => throw new ArgumentOutOfRangeException(nameof(purge), purge.Kind, "unknown retention kind"),
            },
            cancellationToken);
    }

    private static int PurgeRuns(SqliteTransaction transaction, RetentionPurge purge)
    {
        using var command = Command(transaction, purge);
        command.CommandText = $"""
            DELETE FROM runs WHERE rowid IN (
                SELECT rowid FROM runs
                WHERE status IN ('succeeded', 'failed') AND created_at < $before {HookFilter(purge, "hook_name")}
                ORDER BY created_at LIMIT $max)
            """;
        return command.ExecuteNonQuery();
    }

    private static int PurgeDeliveries(SqliteTransaction transaction, RetentionPurge purge)
    {
        // A delivery belongs to its event's hook.
        var hook = HookFilter(purge, "e.hook_name");
        var filter = hook.Length == 0 ? string.Empty : $"AND EXISTS (SELECT 1 FROM events e WHERE e.id = d.event_id {hook})";
        using var command = Command(transaction, purge);
        command.CommandText = $"""
            CREATE TEMP TABLE IF NOT EXISTS purged_deliveries (id TEXT NOT NULL PRIMARY KEY);
            DELETE FROM temp.purged_deliveries;
            INSERT INTO temp.purged_deliveries (id)
                SELECT d.id FROM deliveries d
                WHERE d.status IN ('success', 'failed') AND d.created_at < $before {filter}
                ORDER BY d.created_at LIMIT $max;
            DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM temp.purged_deliveries);
            DELETE FROM deliveries WHERE id IN (SELECT id FROM temp.purged_deliveries);
            """;
        command.ExecuteNonQuery();
        command.CommandText = "SELECT changes()";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int PurgeEvents(SqliteTransaction transaction, RetentionPurge purge)
    {
        // Events whose runs, deliveries or idempotency keys are still kept are skipped; each goes in a later pass,
        // once those are gone.
        using var command = Command(transaction, purge);
        command.CommandText = $"""
            DELETE FROM events WHERE rowid IN (
                SELECT e.rowid FROM events e
                WHERE e.received_at < $before {HookFilter(purge, "e.hook_name")}
                    AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.event_id = e.id)
                    AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id)
                    AND NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.event_id = e.id)
                ORDER BY e.received_at LIMIT $max)
            """;
        var purged = command.ExecuteNonQuery();
        if (purged > 0)
        {
            // The relays' feed (migration 12) numbers every event; its rows for purged events would otherwise stay for
            // ever. Retention purges oldest first, so those rows lead the feed: delete the ones before the first row
            // whose event is still stored, a batch at a time (a walk bounded by what was purged, never the whole feed).
            command.CommandText = """
                DELETE FROM event_feed WHERE seq IN (
                    SELECT seq FROM event_feed
                    WHERE seq < COALESCE(
                        (SELECT f.seq FROM event_feed f WHERE EXISTS (SELECT 1 FROM events e WHERE e.id = f.event_id) ORDER BY f.seq LIMIT 1),
                        (SELECT MAX(seq) + 1 FROM event_feed))
                    ORDER BY seq LIMIT $max)
                """;
            command.ExecuteNonQuery();
        }

        return purged;
    }

    private static SqliteCommand Command(SqliteTransaction transaction, RetentionPurge purge)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$before", UnixTime.ToMilliseconds(purge.Before));
        command.Parameters.AddWithValue("$max", purge.Max);
        command.Parameters.AddWithValue("$hook", (object?)purge.HookName ?? DBNull.Value);
        command.Parameters.AddWithValue("$except", JsonSerializer.Serialize(purge.ExceptHooks));
        return command;
    }

    private static string HookFilter(RetentionPurge purge, string column) =>
        purge.HookName is not null ? $"AND {column} = $hook"
        : purge.ExceptHooks.Count > 0 ? $"AND {column} NOT IN (SELECT value FROM json_each($except))"
        : string.Empty;
}
