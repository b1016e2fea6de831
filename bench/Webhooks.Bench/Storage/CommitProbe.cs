using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Webhooks.Modular.Bench.Storage;

/// <summary>
/// What one SQLite commit costs on this disk, alone: a WAL file of its own, one small row per transaction,
/// at each sync level. Puts the host's commit rate in proportion (how much of the writer's time is the sync).
/// </summary>
internal static class CommitProbe
{
    private const int Commits = 200;

    /// <summary>Measures mean milliseconds per commit with the given <c>synchronous</c> level.</summary>
    /// <param name="folder">Where the probe's file goes; deleted afterwards.</param>
    /// <param name="synchronous">FULL or NORMAL.</param>
    public static double MillisecondsPerCommit(string folder, string synchronous)
    {
        var path = Path.Combine(folder, $"commit-probe-{synchronous.ToLowerInvariant()}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = {synchronous};
                CREATE TABLE probe (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
                """;
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO probe (body) VALUES (randomblob(512))";

            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < Commits; i++)
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                command.Transaction = transaction;
                command.ExecuteNonQuery();
                transaction.Commit();
            }

            return Stopwatch.GetElapsedTime(started).TotalMilliseconds / Commits;
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
