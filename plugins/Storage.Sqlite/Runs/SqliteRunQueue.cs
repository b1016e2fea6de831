using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Common.Writes;
using Webhooks.Modular.Storage.Sqlite.Database;
using Webhooks.Modular.Storage.Sqlite.Events;

namespace Webhooks.Modular.Storage.Sqlite.Runs;

/// <summary>
/// The run queue over the <c>runs</c> table. Every change is one write on the shared writer, so a claim is
/// atomic: two workers can never both take the same run.
/// </summary>
internal sealed class SqliteRunQueue : IRunQueue, IRunReruns
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the queue.</summary>
    /// <param name="database">The shared database.</param>
    public SqliteRunQueue(SqliteDatabase database) => _database = database;

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ClaimAsync(string owner, int max, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        return _database.WriteAsync(transaction => Claim(transaction, owner, max, leaseDuration), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RenewLeaseAsync(string runId, string owner, int attempt, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        return _database.WriteAsync(
            transaction =>
            {
                using var command = FencedCommand(transaction, runId, owner, attempt);
                command.CommandText = """
                    UPDATE runs SET lease_expires_at = $lease_expires_at
                    WHERE id = $id AND lease_owner = $owner AND attempt = $attempt AND status = 'running'
                    """;
                command.Parameters.AddWithValue("$lease_expires_at", _database.NowMilliseconds + UnixTime.ToMilliseconds(leaseDuration));
                return command.ExecuteNonQuery() == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(string runId, string owner, int attempt, RunResult result, AcceptedWebhook? outcomeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(result);

        // Its idempotency key is ignored: an outcome event is published once, by the worker that holds the lease.
        var prepared = outcomeEvent is null ? null : PreparedWebhook.From(outcomeEvent, nameof(outcomeEvent));
        return _database.WriteAsync(
            transaction =>
            {
                using var command = FencedCommand(transaction, runId, owner, attempt);
                command.CommandText = """
                    UPDATE runs SET
                        status = $status, exit_code = $exit_code, output = $output, error = $error, details = $details,
                        finished_at = $now, lease_owner = NULL, lease_expires_at = NULL
                    WHERE id = $id AND lease_owner = $owner AND attempt = $attempt AND status = 'running'
                    """;
                command.Parameters.AddWithValue("$status", RunRows.StatusText(result.Succeeded ? RunStatus.Succeeded : RunStatus.Failed));
                command.Parameters.AddWithValue("$exit_code", (object?)result.ExitCode ?? DBNull.Value);
                command.Parameters.AddWithValue("$output", (object?)result.Output ?? DBNull.Value);
                command.Parameters.AddWithValue("$error", (object?)result.Error ?? DBNull.Value);
                command.Parameters.AddWithValue("$details", (object?)result.Details ?? DBNull.Value);
                var now = _database.NowMilliseconds;
                command.Parameters.AddWithValue("$now", now);
                if (command.ExecuteNonQuery() != 1)
                {
                    return false;
                }

                // Same savepoint as the result: if the event cannot be written (a colliding id), the run's
                // completion is rolled back with it and the caller sees the error.
                if (prepared is not null)
                {
                    AcceptedWebhookWriter.Insert(transaction, prepared, now);
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(string hookName, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hookName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _database.QueryAsync(
            $"SELECT {RunRows.Columns} FROM runs WHERE hook_name = $hook ORDER BY created_at DESC, id DESC LIMIT $limit",
            [("$hook", hookName), ("$limit", limit)],
            RunRows.Read,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return _database.QuerySingleAsync($"SELECT {RunRows.Columns} FROM runs WHERE id = $id", [("$id", runId)], RunRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunRecord?> RerunAsync(string runId, string newRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentException.ThrowIfNullOrEmpty(newRunId);
        return _database.WriteAsync(
            transaction =>
            {
                using (var exists = transaction.Connection!.CreateCommand())
                {
                    exists.Transaction = transaction;
                    exists.CommandText = "SELECT 1 FROM runs WHERE id = $id";
                    exists.Parameters.AddWithValue("$id", runId);
                    if (exists.ExecuteScalar() is null)
                    {
                        return null;
                    }
                }

                // Numbered like an accepted run, in the same writer transaction, so numbers stay unique and ordered.
                var number = AcceptedWebhookWriter.TakeRunNumbers(transaction, 1);
                using var insert = transaction.Connection!.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"""
                    INSERT INTO runs (id, event_id, request_id, hook_name, action_type, input, status, attempt, max_attempts, created_at, available_at, number, rerun_of)
                    SELECT $new_id, event_id, request_id, hook_name, action_type, input, 'queued', 0, max_attempts, $now, $now, $number, id
                    FROM runs WHERE id = $id
                    RETURNING {RunRows.Columns}
                    """;
                insert.Parameters.AddWithValue("$new_id", newRunId);
                insert.Parameters.AddWithValue("$id", runId);
                insert.Parameters.AddWithValue("$now", _database.NowMilliseconds);
                insert.Parameters.AddWithValue("$number", number);
                using var reader = insert.ExecuteReader();
                return reader.Read() ? RunRows.Read(reader) : null;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ListRerunsAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return _database.QueryAsync(
            $"SELECT {RunRows.Columns} FROM runs WHERE rerun_of = $id ORDER BY created_at, id",
            [("$id", runId)],
            RunRows.Read,
            cancellationToken);
    }

    // The attempt number is the fence: a worker whose lease expired and whose run was claimed again holds an
    // older attempt, so its late renewal or completion matches no row, even if it is the same owner.
    private static SqliteCommand FencedCommand(SqliteTransaction transaction, string runId, string owner, int attempt)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$attempt", attempt);
        return command;
    }

    private IReadOnlyList<RunRecord> Claim(SqliteTransaction transaction, string owner, int max, TimeSpan leaseDuration)
    {
        var connection = transaction.Connection!;
        var now = _database.NowMilliseconds;

        // First: runs whose worker vanished on their last allowed attempt. Claiming them again would exceed
        // max_attempts, and leaving them would keep them 'running' for ever.
        using (var abandon = connection.CreateCommand())
        {
            abandon.Transaction = transaction;
            abandon.CommandText = """
                UPDATE runs SET
                    status = 'failed',
                    error = 'abandoned: lease expired on the last attempt (' || attempt || ' of ' || max_attempts || ')',
                    finished_at = $now, lease_owner = NULL, lease_expires_at = NULL
                WHERE status = 'running' AND lease_expires_at <= $now AND attempt >= max_attempts
                """;
            abandon.Parameters.AddWithValue("$now", now);
            abandon.ExecuteNonQuery();
        }

        // Two arms, each walking its partial index in order and stopping after $max rows, so a claim costs the same
        // with 10 or 100,000 runs waiting; only the (at most 2 x $max) candidates are sorted.
        using var claim = connection.CreateCommand();
        claim.Transaction = transaction;
        claim.CommandText = $"""
            UPDATE runs SET
                status = 'running', attempt = attempt + 1, lease_owner = $owner,
                lease_expires_at = $lease_expires_at, started_at = $now
            WHERE id IN (
                SELECT id FROM (
                    SELECT * FROM (
                        SELECT id, created_at FROM runs WHERE status = 'queued' AND available_at <= $now
                        ORDER BY available_at, created_at LIMIT $max)
                    UNION ALL
                    SELECT * FROM (
                        SELECT id, created_at FROM runs WHERE status = 'running' AND lease_expires_at <= $now
                        ORDER BY lease_expires_at LIMIT $max)
                )
                ORDER BY created_at, id
                LIMIT $max)
            RETURNING {RunRows.Columns}
            """;
        claim.Parameters.AddWithValue("$owner", owner);
        claim.Parameters.AddWithValue("$lease_expires_at", now + UnixTime.ToMilliseconds(leaseDuration));
        claim.Parameters.AddWithValue("$now", now);
        claim.Parameters.AddWithValue("$max", max);

        var claimed = new List<RunRecord>();
        using (var reader = claim.ExecuteReader())
        {
            while (reader.Read())
            {
                claimed.Add(RunRows.Read(reader));
            }
        }

        // RETURNING gives rows in no promised order; workers expect the oldest first.
        claimed.Sort(static (a, b) =>
        {
            var byAge = a.CreatedAt.CompareTo(b.CreatedAt);
            return byAge != 0 ? byAge : string.CompareOrdinal(a.Id, b.Id);
        });
        return claimed;
    }
}
