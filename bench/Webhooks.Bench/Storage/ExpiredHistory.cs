using Microsoft.Data.Sqlite;

namespace Webhooks.Modular.Bench.Storage;

/// <summary>
/// Writes history past its retention window straight into a host's SQLite file (events with 1 KiB bodies, each with
/// one succeeded run, 40 days old), so that a purge has real rows to delete while the load runs. Run numbers are
/// negative so they never meet the ones the host gives.
/// </summary>
internal static class ExpiredHistory
{
    public static async Task SeedAsync(string databasePath, int events, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false, DefaultTimeout = 60 }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var old = DateTimeOffset.UtcNow.AddDays(-40).ToUnixTimeMilliseconds();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO events (id, request_id, hook_name, method, path, headers, query, body, remote_address, received_at)
            SELECT 'expired-' || i, 'req-expired-' || i, 'bench-expired', 'POST', '/hooks/bench-expired', '{}', '{}', randomblob(1024), '127.0.0.1', $old + i
            FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            INSERT INTO runs (id, event_id, request_id, hook_name, action_type, input, status, attempt, max_attempts, created_at, available_at, finished_at, exit_code, output, number)
            SELECT 'expired-run-' || i, 'expired-' || i, 'req-expired-' || i, 'bench-expired', 'command', '{}', 'succeeded', 1, 3, $old + i, $old + i, $old + i, 0, 'ok', -i
            FROM n;
            """;
        command.Parameters.AddWithValue("$count", events);
        command.Parameters.AddWithValue("$old", old);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
