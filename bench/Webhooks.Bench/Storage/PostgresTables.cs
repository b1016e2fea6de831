using Npgsql;

namespace Webhooks.Modular.Bench.Storage;

/// <summary>
/// Counts in a <c>pg-*</c> scenario's schema, read once its hosts have stopped (unlike SQLite, PostgreSQL could be
/// read while they run; after they stop, every attempt they finished is recorded, and their backends, gone, have
/// flushed their table statistics).
/// </summary>
internal sealed class PostgresTables(PostgresSchema schema)
{
    /// <summary>Events, runs, deliveries and attempts, and whether each inbound event has exactly one run and one delivery.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<PostgresCounts> CountAsync(CancellationToken cancellationToken)
    {
        var s = $"\"{schema.Name}\"";
        await using var connection = await schema.OpenAsync(cancellationToken);

        // The run.completed / run.failed events a host publishes itself (method PUBLISH) are not requests; with
        // run workers off there should be none, but they are left out as in the SQLite count. Joins on grouped
        // counts rather than a subquery per event: deliveries have no index on event_id.
        await using var command = new NpgsqlCommand(
            $"""
            WITH inbound AS (SELECT id FROM {s}.events WHERE method <> 'PUBLISH'),
                 run_counts AS (SELECT event_id, count(*) AS n FROM {s}.runs GROUP BY event_id),
                 delivery_counts AS (SELECT event_id, count(*) AS n FROM {s}.deliveries GROUP BY event_id)
            SELECT
                (SELECT count(*) FROM inbound),
                (SELECT count(*) FROM {s}.runs),
                (SELECT count(*) FROM {s}.runs WHERE status IN ('queued', 'running')),
                (SELECT count(*) FROM {s}.runs WHERE status = 'succeeded'),
                (SELECT count(*) FROM {s}.runs WHERE status = 'failed'),
                (SELECT count(*) FROM {s}.deliveries),
                (SELECT count(*) FROM {s}.deliveries WHERE status = 'success'),
                (SELECT count(*) FROM {s}.deliveries WHERE status = 'pending'),
                (SELECT count(*) FROM {s}.deliveries WHERE status = 'failed'),
                (SELECT count(*) FROM {s}.delivery_attempts),
                (SELECT count(DISTINCT delivery_id) FROM {s}.delivery_attempts),
                (SELECT count(*) FROM inbound i LEFT JOIN run_counts r ON r.event_id = i.id WHERE coalesce(r.n, 0) <> 1),
                (SELECT count(*) FROM inbound i LEFT JOIN delivery_counts d ON d.event_id = i.id WHERE coalesce(d.n, 0) <> 1),
                (SELECT coalesce(sum(lease_token), 0)::bigint FROM {s}.deliveries),
                (SELECT count(*) FROM {s}.deliveries WHERE lease_token > 1),
                (SELECT coalesce(sum(n_tup_upd), 0)::bigint FROM pg_stat_user_tables WHERE schemaname = @schema AND relname = 'deliveries')
            """,
            connection);
        command.Parameters.AddWithValue("schema", schema.Name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var runs = new RunCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), FinishedBy: 0, LastFinishedAt: null);
        var deliveries = new DeliveryCounts(reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9), reader.GetInt64(10));
        return new PostgresCounts(runs, deliveries, reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13), reader.GetInt64(14), reader.GetInt64(15));
    }
}
