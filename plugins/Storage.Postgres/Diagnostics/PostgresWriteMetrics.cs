using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Webhooks.Modular.Storage.Postgres.Diagnostics;

/// <summary>
/// The same commit instruments as Storage.Sqlite's group-commit writer, on the engine's meter name
/// (<c>Webhooks.Modular</c>), so that whatever exports the engine's metrics exports these too. PostgreSQL takes
/// concurrent writers, so each write is its own transaction: the batch size is always one operation, and the
/// duration is the transaction's round trips and commit (the server's WAL flush included).
/// </summary>
internal static class PostgresWriteMetrics
{
    private static readonly Meter Meter = new("Webhooks.Modular");

    // OpenTelemetry's db.system.name, telling these commits from another storage plugin's.
    private static readonly KeyValuePair<string, object?> DatabaseTag = new("db.system.name", "postgresql");

    /// <summary>Operations per transaction (one), by <c>webhooks.outcome</c> (committed, rolled_back, failed) and <c>db.system.name</c> (postgresql).</summary>
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "webhooks.storage.commit.batch_size", "{operation}", "Write operations sharing one storage transaction (group commit), by outcome.");

    /// <summary>Time to run and commit one transaction, by <c>webhooks.outcome</c>.</summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "webhooks.storage.commit.duration", "s", "Time to run and commit one storage transaction (disk sync included), by outcome.");

    /// <summary>Records one write transaction that began at <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    /// <param name="started">When it began.</param>
    /// <param name="outcome">committed, rolled_back (the work chose not to commit) or failed (it threw).</param>
    public static void Record(long started, string outcome)
    {
        if (!BatchSize.Enabled && !Duration.Enabled)
        {
            return;
        }

        var tag = new KeyValuePair<string, object?>("webhooks.outcome", outcome);
        BatchSize.Record(1, tag, DatabaseTag);
        Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag, DatabaseTag);
    }
}
