using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Runs;

public sealed class SqliteRunQueueTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Claim_takes_queued_runs_under_a_lease()
    {
        await using var db = TestDatabase.Create();
        var older = SampleWebhooks.Create(db.Clock.UtcNow, runs: 2);
        await db.Events.AcceptAsync(older, None);
        db.Clock.Advance(TimeSpan.FromSeconds(1));
        var newer = SampleWebhooks.Create(db.Clock.UtcNow, runs: 1);
        await db.Events.AcceptAsync(newer, None);
        db.Clock.Advance(TimeSpan.FromSeconds(1));
        var claimedAt = db.Clock.UtcNow;

        var first = await db.Runs.ClaimAsync("worker-1", 2, Lease, None);
        var second = await db.Runs.ClaimAsync("worker-2", 10, Lease, None);
        var third = await db.Runs.ClaimAsync("worker-3", 10, Lease, None);

        Assert.Equal(older.Runs.Select(r => r.Id).Order(StringComparer.Ordinal), first.Select(r => r.Id));
        Assert.All(first, run =>
        {
            Assert.Equal(RunStatus.Running, run.Status);
            Assert.Equal(1, run.Attempt);
            Assert.Equal("worker-1", run.LeaseOwner);
            Assert.Equal(claimedAt + Lease, run.LeaseExpiresAt);
            Assert.Equal(claimedAt, run.StartedAt);
            Assert.Equal(older.Event.RequestId, run.RequestId);
        });
        Assert.Equal([newer.Runs[0].Id], second.Select(r => r.Id));
        Assert.Empty(third);

        var stored = await db.Runs.GetRunAsync(first[0].Id, None);
        Assert.Equal(first[0], stored);
    }

    [Fact]
    public async Task Live_lease_is_not_claimed_again()
    {
        await using var db = TestDatabase.Create();
        await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow), None);
        await db.Runs.ClaimAsync("worker-1", 1, Lease, None);
        db.Clock.Advance(Lease - TimeSpan.FromMilliseconds(1));

        Assert.Empty(await db.Runs.ClaimAsync("worker-2", 1, Lease, None));
    }

    [Fact]
    public async Task Expired_lease_is_claimed_again_with_next_attempt()
    {
        await using var db = TestDatabase.Create();
        var webhook = SampleWebhooks.Create(db.Clock.UtcNow, maxAttempts: 3);
        await db.Events.AcceptAsync(webhook, None);
        var first = Assert.Single(await db.Runs.ClaimAsync("worker-1", 1, Lease, None));
        db.Clock.Advance(Lease);

        var again = Assert.Single(await db.Runs.ClaimAsync("worker-2", 1, Lease, None));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(2, again.Attempt);
        Assert.Equal("worker-2", again.LeaseOwner);
        Assert.Equal(db.Clock.UtcNow + Lease, again.LeaseExpiresAt);
        Assert.Equal(db.Clock.UtcNow, again.StartedAt);
        Assert.Equal(RunStatus.Running, again.Status);
    }

    [Fact]
    public async Task Completion_from_a_worker_that_lost_its_lease_is_refused()
    {
        await using var db = TestDatabase.Create();
        await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow), None);
        var lost = Assert.Single(await db.Runs.ClaimAsync("worker-1", 1, Lease, None));
        db.Clock.Advance(Lease);
        var current = Assert.Single(await db.Runs.ClaimAsync("worker-2", 1, Lease, None));

        var lateRenewal = await db.Runs.RenewLeaseAsync(lost.Id, "worker-1", lost.Attempt, Lease, None);
        var lateCompletion = await db.Runs.CompleteAsync(lost.Id, "worker-1", lost.Attempt, RunResult.Success("late"), null, None);

        Assert.False(lateRenewal);
        Assert.False(lateCompletion);
        var run = await db.Runs.GetRunAsync(lost.Id, None);
        Assert.NotNull(run);
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal("worker-2", run.LeaseOwner);
        Assert.Null(run.Output);

        Assert.True(await db.Runs.CompleteAsync(current.Id, "worker-2", current.Attempt, RunResult.Success("done"), null, None));
        run = await db.Runs.GetRunAsync(lost.Id, None);
        Assert.Equal(RunStatus.Succeeded, run!.Status);
        Assert.Equal("done", run.Output);
    }

    [Fact]
    public async Task Same_worker_holding_an_older_attempt_is_fenced_off()
    {
        await using var db = TestDatabase.Create();
        await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow), None);
        var stale = Assert.Single(await db.Runs.ClaimAsync("worker-1", 1, Lease, None));
        db.Clock.Advance(Lease);
        var fresh = Assert.Single(await db.Runs.ClaimAsync("worker-1", 1, Lease, None));

        Assert.False(await db.Runs.CompleteAsync(stale.Id, "worker-1", stale.Attempt, RunResult.Failure("stale"), null, None));
        Assert.True(await db.Runs.CompleteAsync(fresh.Id, "worker-1", fresh.Attempt, RunResult.Success(), null, None));
    }

    [Fact]
    public async Task Renewal_extends_the_lease()
    {
        await using var db = TestDatabase.Create();
        await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow), None);
        var run = Assert.Single(await db.Runs.ClaimAsync("worker-1", 1, Lease, None));
        db.Clock.Advance(TimeSpan.FromSeconds(20));

        Assert.True(await db.Runs.RenewLeaseAsync(run.Id, "worker-1", run.Attempt, Lease, None));
        db.Clock.Advance(TimeSpan.FromSeconds(20));

        Assert.Empty(await db.Runs.ClaimAsync("worker-2", 1, Lease, None));
        var stored = await db.Runs.GetRunAsync(run.Id, None);
        Assert.Equal(run.StartedAt!.Value + TimeSpan.FromSeconds(20) + Lease, stored!.LeaseExpiresAt);
    }

    [Fact]
    public async Task Complete_records_the_outcome_and_clears_the_lease()
    {
        await using var db = TestDatabase.Create();
        await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow), None);
        var run = Assert.Single(await db.Runs.ClaimAsync("worker-1", 1, Lease, None));
        db.Clock.Advance(TimeSpan.FromSeconds(5));

        var completed = await db.Runs.CompleteAsync(run.Id, "worker-1", run.Attempt, new RunResult(false, 2, "some output", "exit code 2") { Details = """{"steps":[{"exitCode":2}]}""" }, null, None);
        var again = await db.Runs.CompleteAsync(run.Id, "worker-1", run.Attempt, RunResult.Success(), null, None);

        Assert.True(completed);
        Assert.False(again);
        var stored = await db.Runs.GetRunAsync(run.Id, None);
        Assert.NotNull(stored);
        Assert.Equal(RunStatus.Failed, stored.Status);
        Assert.Equal(2, stored.ExitCode);
        Assert.Equal("some output", stored.Output);
        Assert.Equal("exit code 2", stored.Error);
        Assert.Equal("""{"steps":[{"exitCode":2}]}""", stored.Details);
        Assert.Equal(db.Clock.UtcNow, stored.FinishedAt);
        Assert.Null(stored.LeaseOwner);
        Assert.Null(stored.LeaseExpiresAt);

        // A finished run is never claimed again, whatever the clock says.
        db.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await db.Runs.ClaimAsync("worker-2", 1, Lease, None));
    }

    [Fact]
    public async Task Run_expired_on_last_attempt_is_marked_failed()
    {
        await using var db = TestDatabase.Create();
        await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow, maxAttempts: 2), None);
        var run = Assert.Single(await db.Runs.ClaimAsync("worker-1", 1, Lease, None));
        db.Clock.Advance(Lease);
        Assert.Equal(2, Assert.Single(await db.Runs.ClaimAsync("worker-2", 1, Lease, None)).Attempt);
        db.Clock.Advance(Lease);

        var claimed = await db.Runs.ClaimAsync("worker-3", 1, Lease, None);

        Assert.Empty(claimed);
        var stored = await db.Runs.GetRunAsync(run.Id, None);
        Assert.NotNull(stored);
        Assert.Equal(RunStatus.Failed, stored.Status);
        Assert.Equal("abandoned: lease expired on the last attempt (2 of 2)", stored.Error);
        Assert.Equal(db.Clock.UtcNow, stored.FinishedAt);
        Assert.Equal(2, stored.Attempt);
        Assert.Null(stored.LeaseOwner);
        Assert.Null(stored.LeaseExpiresAt);
    }

    [Fact]
    public async Task Runs_of_a_hook_are_listed_newest_first_up_to_the_limit()
    {
        await using var db = TestDatabase.Create();
        var first = await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow, hook: "deploy"), None);
        db.Clock.Advance(TimeSpan.FromSeconds(1));
        await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow, hook: "other"), None);
        db.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow, hook: "deploy"), None);

        var all = await db.Runs.ListRunsAsync("deploy", 10, None);
        var one = await db.Runs.ListRunsAsync("deploy", 1, None);

        Assert.Equal([third.RunIds[0], first.RunIds[0]], all.Select(r => r.Id));
        Assert.Equal(third.RunIds[0], Assert.Single(one).Id);
    }

    [Fact]
    public async Task Unknown_run_is_null()
    {
        await using var db = TestDatabase.Create();

        Assert.Null(await db.Runs.GetRunAsync("no-such-run", None));
    }
}
