using Microsoft.Data.Sqlite;

namespace Webhooks.Modular.Bench.Storage;

/// <summary>
/// Counts in the host's database, read straight from the file, and only once the host has stopped: the
/// Storage.Sqlite plugin loads its own copy of SQLite in its own load context, and two copies of SQLite in one
/// process on the same file break each other's POSIX locks (closing a connection in one copy drops the other's
/// locks). Reading while the host ran gave 'locking protocol', 'database disk image is malformed' and SIGBUS.
/// </summary>
internal sealed class RunTable
{
    private readonly string _connectionString;

    /// <summary>Reads the given database file.</summary>
    /// <param name="path">The file.</param>
    public RunTable(string path)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
    }

    /// <summary>
    /// Runs by status, and the number of inbound events: the run.completed / run.failed events the host publishes
    /// itself (method PUBLISH) are not requests and are left out.
    /// </summary>
    /// <param name="finishedBy">Also count the runs finished by this time (unix milliseconds, the plugin's clock).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<RunCounts> CountAsync(DateTimeOffset? finishedBy, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT
                (SELECT count(*) FROM events WHERE method <> 'PUBLISH'),
                (SELECT count(*) FROM runs),
                (SELECT count(*) FROM runs WHERE status IN ('queued', 'running')),
                (SELECT count(*) FROM runs WHERE status = 'succeeded'),
                (SELECT count(*) FROM runs WHERE status = 'failed'),
                (SELECT count(*) FROM runs WHERE finished_at <= $by),
                (SELECT max(finished_at) FROM runs)
            """;
        command.Parameters.AddWithValue("$by", (finishedBy ?? DateTimeOffset.MaxValue).ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new RunCounts(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.GetInt64(2),
            reader.GetInt64(3),
            reader.GetInt64(4),
            reader.GetInt64(5),
            reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));
    }
}
