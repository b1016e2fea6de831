using Npgsql;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Common.Writes;
using Webhooks.Modular.Storage.Postgres.Database;
using Webhooks.Modular.Storage.Postgres.Events;

namespace Webhooks.Modular.Storage.Postgres.Runs;

/// <summary>
/// The run queue over the <c>runs</c> table, shared by every host. A claim locks the rows it takes with
/// <c>FOR UPDATE SKIP LOCKED</c>, so two hosts claiming at once take different runs and never wait for each other;
/// the attempt number fences renewals and completions.
/// </summary>
internal sealed class PostgresRunQueue : IRunQueue, IRunReruns
{
    private readonly PostgresDatabase _database;
    private readonly AcceptedWebhookWriter _writer;
    private readonly string _claim;
    private readonly string _renew;
    private readonly string _complete;
    private readonly string _list;
    private readonly string _get;
    private readonly string _rerun;
    private readonly string _reruns;

    /// <summary>Creates the queue.</summary>
    /// <param name="database">The shared database.</param>
    /// <param name="writer">Writes a completion's outcome event.</param>
    public PostgresRunQueue(PostgresDatabase database, AcceptedWebhookWriter writer)
    {
        _database = database;
        _writer = writer;
        var s = database.Schema;

        // One statement, so one round trip and its own transaction. The CTE first fails runs whose worker vanished
        // on their last allowed attempt (claiming them again would exceed max_attempts; leaving them would keep them
        // running for ever). Then two arms, each walking its partial index in order, locking as it goes and skipping
        // rows another host holds, stopping after @max rows; only those candidates are sorted. The arms and the CTE
        // touch disjoint rows (attempt below or at max_attempts), as one statement may change a row only once.
        _claim = $"""
            WITH abandoned AS (
                UPDATE {s}.runs SET
                    status = 'failed',
                    error = 'abandoned: lease expired on the last attempt (' || attempt || ' of ' || max_attempts || ')',
                    finished_at = @now, lease_owner = NULL, lease_expires_at = NULL
                WHERE id IN (
                    SELECT id FROM {s}.runs
                    WHERE status = 'running' AND lease_expires_at <= @now AND attempt >= max_attempts
                    FOR UPDATE SKIP LOCKED))
            UPDATE {s}.runs AS r SET
                status = 'running', attempt = r.attempt + 1, lease_owner = @owner,
                lease_expires_at = @lease_expires_at, started_at = @now
            FROM (
                SELECT c.id FROM (
                    SELECT * FROM (
                        SELECT id, created_at FROM {s}.runs
                        WHERE status = 'queued' AND available_at <= @now
                        ORDER BY available_at, created_at, id LIMIT @max
                        FOR UPDATE SKIP LOCKED) AS queued
                    UNION ALL
                    SELECT * FROM (
                        SELECT id, created_at FROM {s}.runs
                        WHERE status = 'running' AND lease_expires_at <= @now AND attempt < max_attempts
                        ORDER BY lease_expires_at LIMIT @max
                        FOR UPDATE SKIP LOCKED) AS expired
                ) AS c
                ORDER BY c.created_at, c.id
                LIMIT @max) AS picked
            WHERE r.id = picked.id
            RETURNING {SqlColumns.Qualify("r", RunRows.Columns)}
            """;

        // The attempt number is the fence: a worker whose lease expired and whose run was claimed again holds an
        // older attempt, so its late renewal or completion matches no row, even under the same owner name.
        const string Fence = "id = @id AND lease_owner = @owner AND attempt = @attempt AND status = 'running'";
        _renew = $"UPDATE {s}.runs SET lease_expires_at = @lease_expires_at WHERE {Fence}";
        _complete = $"""
            UPDATE {s}.runs SET
                status = @status, exit_code = @exit_code::integer, output = @output::text, error = @error::text,
                details = @details::text, finished_at = @now, lease_owner = NULL, lease_expires_at = NULL
            WHERE {Fence}
            """;
        _list = $"SELECT {RunRows.Columns} FROM {s}.runs WHERE hook_name = @hook ORDER BY created_at DESC, id DESC LIMIT @limit";
        _get = $"SELECT {RunRows.Columns} FROM {s}.runs WHERE id = @id";

        // One statement (its own transaction); the number comes from the column's sequence, as for an accepted run,
        // and the notification, sent on commit, wakes the run workers of every host.
        _rerun = $"""
            WITH inserted AS (
                INSERT INTO {s}.runs (id, event_id, request_id, hook_name, action_type, input, status, attempt, max_attempts, created_at, available_at, rerun_of)
                SELECT @new_id, event_id, request_id, hook_name, action_type, input, 'queued', 0, max_attempts, @now, @now, id
                FROM {s}.runs WHERE id = @id
                RETURNING {RunRows.Columns})
            SELECT inserted.*, {database.Notify(StoreSignalKinds.Runs)} FROM inserted
            """;
        _reruns = $"SELECT {RunRows.Columns} FROM {s}.runs WHERE rerun_of = @id ORDER BY created_at, id";
    }

    /// <summary>The claim statement, for tests that look at its plan.</summary>
    internal string ClaimSql => _claim;

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunRecord>> ClaimAsync(string owner, int max, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var now = _database.Now;
        var claimed = await _database.QueryAsync(
            _claim,
            [("owner", owner), ("now", now), ("lease_expires_at", now + StoredTime.Duration(leaseDuration)), ("max", max)],
            RunRows.Read,
            cancellationToken).ConfigureAwait(false);

        // RETURNING gives rows in no promised order; workers expect the oldest first.
        return claimed
            .OrderBy(r => r.CreatedAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToArray();
    }

    /// <inheritdoc />
    public async Task<bool> RenewLeaseAsync(string runId, string owner, int attempt, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var changed = await _database.ExecuteAsync(
            _renew,
            [("id", runId), ("owner", owner), ("attempt", attempt), ("lease_expires_at", _database.Now + StoredTime.Duration(leaseDuration))],
            cancellationToken).ConfigureAwait(false);
        return changed == 1;
    }

    /// <inheritdoc />
    public async Task<bool> CompleteAsync(
        string runId, string owner, int attempt, RunResult result, AcceptedWebhook? outcomeEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(result);

        // Its idempotency key is ignored: an outcome event is published once, by the worker that holds the lease.
        var prepared = outcomeEvent is null ? null : PreparedWebhook.From(outcomeEvent, nameof(outcomeEvent));
        var now = _database.Now;
        IReadOnlyList<(string Name, object? Value)> parameters =
        [
            ("id", runId),
            ("owner", owner),
            ("attempt", attempt),
            ("status", RunRows.StatusText(result.Succeeded ? RunStatus.Succeeded : RunStatus.Failed)),
            ("exit_code", result.ExitCode),
            ("output", result.Output),
            ("error", result.Error),
            ("details", result.Details),
            ("now", now),
        ];
        if (prepared is null)
        {
            // One statement is its own transaction: one round trip.
            return await _database.ExecuteAsync(_complete, parameters, cancellationToken).ConfigureAwait(false) == 1;
        }

        return await _database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var complete = new NpgsqlCommand(_complete, connection, transaction);
                await using (complete.ConfigureAwait(false))
                {
                    SqlParameters.Bind(complete.Parameters, parameters);

                    // The fenced update goes first: when it matches nothing, nothing else is written either.
                    if (await complete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                    {
                        return false;
                    }
                }

                var batch = new NpgsqlBatch(connection, transaction);
                await using (batch.ConfigureAwait(false))
                {
                    var runsIndex = _writer.AddInserts(batch, prepared, now);
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                    // In the same transaction as the result: if the event cannot be written, the completion is
                    // rolled back with it and the caller sees the error.
                    if (runsIndex >= 0 && (prepared.HasRepeatedRunIds || batch.BatchCommands[runsIndex].RecordsAffected != prepared.RunIds.Length))
                    {
                        throw new InvalidOperationException(
                            $"The outcome event of run '{runId}' starts a run whose id already exists; nothing was written.");
                    }
                }

                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(string hookName, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hookName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _database.QueryAsync(_list, [("hook", hookName), ("limit", limit)], RunRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunRecord?> RerunAsync(string runId, string newRunId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentException.ThrowIfNullOrEmpty(newRunId);
        return _database.QuerySingleAsync(_rerun, [("id", runId), ("new_id", newRunId), ("now", _database.Now)], RunRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ListRerunsAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return _database.QueryAsync(_reruns, [("id", runId)], RunRows.Read, cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return _database.QuerySingleAsync(_get, [("id", runId)], RunRows.Read, cancellationToken);
    }
}
