using System.Globalization;
using LiteDB;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Common.Writes;
using Webhooks.Modular.Storage.LiteDb.Database;
using Webhooks.Modular.Storage.LiteDb.Events;

namespace Webhooks.Modular.Storage.LiteDb.Runs;

/// <summary>The run queue: claims under a lease, fenced by the attempt number, every change through the single writer.</summary>
internal sealed class LiteDbRunQueue : IRunQueue
{
    private readonly LiteDbDatabase _database;

    /// <summary>Creates the queue.</summary>
    /// <param name="database">The shared database.</param>
    public LiteDbRunQueue(LiteDbDatabase database) => _database = database;

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ClaimAsync(string owner, int max, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        return _database.WriteAsync(database => Claim(database, owner, max, leaseDuration), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RenewLeaseAsync(string runId, string owner, int attempt, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        return _database.WriteAsync(
            database =>
            {
                var runs = database.GetCollection(Collections.Runs);
                if (Fenced(runs, runId, owner, attempt) is not { } run)
                {
                    return false;
                }

                run["lease_expires_at"] = _database.NowMilliseconds + UnixTime.ToMilliseconds(leaseDuration);
                return runs.Update(run);
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
            database =>
            {
                var runs = database.GetCollection(Collections.Runs);
                if (Fenced(runs, runId, owner, attempt) is not { } run)
                {
                    return false;
                }

                var now = _database.NowMilliseconds;
                run["status"] = RunDocuments.StatusText(result.Succeeded ? RunStatus.Succeeded : RunStatus.Failed);
                run["exit_code"] = Documents.Number(result.ExitCode);
                run["output"] = Documents.Text(result.Output);
                run["error"] = Documents.Text(result.Error);
                run["details"] = Documents.Text(result.Details);
                run["finished_at"] = now;
                run["lease_owner"] = BsonValue.Null;
                run["lease_expires_at"] = BsonValue.Null;
                runs.Update(run);

                // Same transaction as the result: if the event cannot be written (a colliding id), the writer rolls the
                // run's completion back with it and the caller sees the error.
                if (prepared is not null)
                {
                    AcceptedWebhookWriter.Insert(database, prepared, now);
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
        return _database.ReadAsync<IReadOnlyList<RunRecord>>(
            database => database.GetCollection(Collections.Runs).Query()
                .Where(Query.EQ("hook_name", hookName))
                .OrderByDescending("$.order")
                .Limit(limit)
                .ToEnumerable()
                .Select(RunDocuments.Read)
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return _database.ReadAsync(
            database => database.GetCollection(Collections.Runs).FindById(runId) is { } document ? RunDocuments.Read(document) : null,
            cancellationToken);
    }

    // The attempt number is the fence: a worker whose lease expired and whose run was claimed again holds an older
    // attempt, so its late renewal or completion matches nothing, even if it is the same owner.
    private static BsonDocument? Fenced(ILiteCollection<BsonDocument> runs, string runId, string owner, int attempt) =>
        runs.FindById(runId) is { } run
            && run["status"].AsString == "running"
            && run["attempt"].AsInt32 == attempt
            && Documents.OptionalText(run, "lease_owner") == owner
            ? run
            : null;

    private IReadOnlyList<RunRecord> Claim(LiteDatabase database, string owner, int max, TimeSpan leaseDuration)
    {
        var runs = database.GetCollection(Collections.Runs);
        var now = _database.NowMilliseconds;

        // Leases that ran out, oldest first. Only running runs have one, so the index holds nothing else.
        var expired = runs.Query()
            .Where(Query.Between("lease_expires_at", new BsonValue(0L), new BsonValue(now)))
            .OrderBy("$.lease_expires_at")
            .ToList();

        // First: runs whose worker vanished on their last allowed attempt. Claiming them again would exceed
        // max_attempts, and leaving them would keep them 'running' for ever.
        var reclaimable = new List<BsonDocument>();
        foreach (var run in expired)
        {
            var attempt = run["attempt"].AsInt32;
            var maxAttempts = run["max_attempts"].AsInt32;
            if (attempt < maxAttempts)
            {
                reclaimable.Add(run);
                continue;
            }

            run["status"] = RunDocuments.StatusText(RunStatus.Failed);
            run["error"] = string.Create(CultureInfo.InvariantCulture, $"abandoned: lease expired on the last attempt ({attempt} of {maxAttempts})");
            run["finished_at"] = now;
            run["lease_owner"] = BsonValue.Null;
            run["lease_expires_at"] = BsonValue.Null;
            runs.Update(run);
        }

        // Queued runs along the queue index, which holds queued runs alone, oldest first; '}' sorts after the
        // separator of every key of a run created at or before now.
        var queued = runs.Query()
            .Where(Query.Between("queue", new BsonValue(string.Empty), new BsonValue(now.ToString("D19", CultureInfo.InvariantCulture) + "}")))
            .OrderBy("$.queue")
            .Limit(max)
            .ToList();

        var candidates = queued.Concat(reclaimable.Take(max))
            .OrderBy(run => run["order"].AsString, StringComparer.Ordinal)
            .Take(max)
            .ToList();

        var leaseExpiresAt = now + UnixTime.ToMilliseconds(leaseDuration);
        var claimed = new List<RunRecord>(candidates.Count);
        foreach (var run in candidates)
        {
            run["status"] = RunDocuments.StatusText(RunStatus.Running);
            run["attempt"] = run["attempt"].AsInt32 + 1;
            run["lease_owner"] = owner;
            run["lease_expires_at"] = leaseExpiresAt;
            run["started_at"] = now;
            run["queue"] = BsonValue.Null;
            runs.Update(run);
            claimed.Add(RunDocuments.Read(run));
        }

        return claimed;
    }
}
