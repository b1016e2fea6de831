using LiteDB;

namespace Webhooks.Modular.Bench.Storage;

/// <summary>
/// The counts of <see cref="RunTable"/>, read from a Storage.LiteDb file once the host has stopped: the plugin holds
/// the file for its process alone while it runs (and loads its own copy of LiteDB in its own load context).
/// </summary>
internal static class LiteDbRunTable
{
    /// <summary>Counts the events and runs in the file.</summary>
    /// <param name="path">The database file.</param>
    public static RunCounts Count(string path)
    {
        using var database = new LiteDatabase(new ConnectionString { Filename = path, ReadOnly = true, Connection = ConnectionType.Direct });
        var events = database.GetCollection("events").Count(Query.Not("method", "PUBLISH"));
        var runs = database.GetCollection("runs");
        var statuses = runs.FindAll().Select(r => (Status: r["status"].AsString, FinishedAt: r["finished_at"])).ToList();
        var finished = statuses.Where(s => !s.FinishedAt.IsNull).Select(s => s.FinishedAt.AsInt64).ToList();
        return new RunCounts(
            events,
            statuses.Count,
            statuses.Count(s => s.Status is "queued" or "running"),
            statuses.Count(s => s.Status == "succeeded"),
            statuses.Count(s => s.Status == "failed"),
            finished.Count,
            finished.Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(finished.Max()));
    }
}
