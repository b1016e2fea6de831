using Microsoft.Data.Sqlite;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>Counts what a deployment's SQLite file holds, read-only, beside the running host.</summary>
public static class StoredRows
{
    /// <summary>
    /// Events that came in over HTTP. Events the host publishes itself (run.completed, run.failed: method
    /// PUBLISH) are left out, since they appear whenever a run finishes.
    /// </summary>
    public static long InboundEvents(string databasePath) => Scalar(databasePath, "SELECT COUNT(*) FROM events WHERE method <> 'PUBLISH'");

    /// <summary>All rows of a table.</summary>
    public static long Count(string databasePath, string table) => Scalar(databasePath, $"SELECT COUNT(*) FROM {table}");

    public static long Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
