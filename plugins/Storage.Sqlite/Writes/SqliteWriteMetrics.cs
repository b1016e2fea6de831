using System.Diagnostics.Metrics;

namespace Webhooks.Modular.Storage.Sqlite.Writes;

/// <summary>
/// The group-commit writer's instruments, on the engine's meter name (<c>Webhooks.Modular</c>), so that whatever exports
/// the engine's metrics exports these too. System.Diagnostics.DiagnosticSource is shared with the host, so one listener
/// sees both. They cost a branch while nobody listens.
/// </summary>
internal static class SqliteWriteMetrics
{
    private static readonly Meter Meter = new("Webhooks.Modular");

    /// <summary>The database tag (OpenTelemetry's <c>db.system.name</c>), telling these commits from another storage plugin's.</summary>
    public static readonly KeyValuePair<string, object?> DatabaseTag = new("db.system.name", "sqlite");

    /// <summary>Operations per committed (or failed) transaction, by <c>webhooks.outcome</c> (committed, failed) and <c>db.system.name</c>.</summary>
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "webhooks.storage.commit.batch_size", "{operation}", "Write operations sharing one storage transaction (group commit), by outcome.");

    /// <summary>Time to run and commit one transaction, fsync included, by <c>webhooks.outcome</c>.</summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "webhooks.storage.commit.duration", "s", "Time to run and commit one storage transaction (disk sync included), by outcome.");
}
