using System.Diagnostics.Metrics;

namespace Webhooks.Modular.Storage.LiteDb.Writes;

/// <summary>
/// The group-commit writer's instruments, under the same meter and names as Storage.Sqlite's, so that dashboards built
/// for one storage plugin read the other. They cost a branch while nobody listens.
/// </summary>
internal static class LiteDbWriteMetrics
{
    private static readonly Meter Meter = new("Webhooks.Modular");

    /// <summary>Operations per committed (or failed) transaction, by <c>webhooks.outcome</c> (committed, failed).</summary>
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "webhooks.storage.commit.batch_size", "{operation}", "Write operations sharing one storage transaction (group commit), by outcome.");

    /// <summary>Time to run and commit one transaction, disk sync included, by <c>webhooks.outcome</c>.</summary>
    public static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "webhooks.storage.commit.duration", "s", "Time to run and commit one storage transaction (disk sync included), by outcome.");
}
