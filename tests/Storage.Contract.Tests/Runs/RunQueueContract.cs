using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Runs;

/// <summary><see cref="IRunQueue"/>: claims under a lease, renewal, fenced completion, expiry.</summary>
public sealed class RunQueueContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    // Clear of the boundary: whether a lease ending exactly now has expired is not part of the contract.
    private static readonly TimeSpan PastLease = Lease + TimeSpan.FromSeconds(1);

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Claim_takes_queued_runs_oldest_first_up_to_max_under_a_lease(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var runIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var webhook = Samples.Webhook(stores.Clock.UtcNow);
            await stores.Events.AcceptAsync(webhook, None);
            runIds.Add(webhook.Runs[0].Id);
            stores.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var now = stores.Clock.UtcNow;
        var first = await stores.Runs.ClaimAsync("worker-1", 2, Lease, None);
        var second = await stores.Runs.ClaimAsync("worker-2", 2, Lease, None);
        var third = await stores.Runs.ClaimAsync("worker-1", 2, Lease, None);

        Assert.Equal(runIds[..2], first.Select(r => r.Id));
        Assert.Equal(runIds[2..], second.Select(r => r.Id));
        Assert.Empty(third);
        foreach (var run in first)
        {
            Assert.Equal(RunStatus.Running, run.Status);
            Assert.Equal(1, run.Attempt);
            Assert.Equal("worker-1", run.LeaseOwner);
            Assert.Equal(now + Lease, run.LeaseExpiresAt);
            Assert.Equal(now, run.StartedAt);
            Assert.Null(run.FinishedAt);
            Assert.Equal(run, await stores.Runs.GetRunAsync(run.Id, None));
        }

        Assert.Equal("worker-2", (await stores.Runs.GetRunAsync(runIds[2], None))?.LeaseOwner);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_held_lease_is_not_claimed_and_renewal_extends_it(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var webhook = Samples.Webhook(stores.Clock.UtcNow);
        await stores.Events.AcceptAsync(webhook, None);
        var run = Assert.Single(await stores.Runs.ClaimAsync("worker-1", 10, Lease, None));

        stores.Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await stores.Runs.RenewLeaseAsync(run.Id, "worker-1", 1, TimeSpan.FromMinutes(1), None));
        Assert.Equal(stores.Clock.UtcNow.AddMinutes(1), (await stores.Runs.GetRunAsync(run.Id, None))?.LeaseExpiresAt);

        // Past the first lease, inside the renewed one.
        stores.Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Empty(await stores.Runs.ClaimAsync("worker-2", 10, Lease, None));
        Assert.False(await stores.Runs.RenewLeaseAsync(run.Id, "worker-2", 1, Lease, None));
        Assert.False(await stores.Runs.RenewLeaseAsync(run.Id, "worker-1", 2, Lease, None));
        Assert.False(await stores.Runs.RenewLeaseAsync("no-such-run", "worker-1", 1, Lease, None));
        var stored = await stores.Runs.GetRunAsync(run.Id, None);
        Assert.Equal("worker-1", stored?.LeaseOwner);
        Assert.Equal(1, stored?.Attempt);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Complete_records_the_outcome_and_ends_the_lease(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var webhook = Samples.Webhook(stores.Clock.UtcNow, runs: 2);
        await stores.Events.AcceptAsync(webhook, None);
        var claimed = await stores.Runs.ClaimAsync("worker-1", 10, Lease, None);
        stores.Clock.Advance(TimeSpan.FromSeconds(3));
        var now = stores.Clock.UtcNow;

        Assert.True(await stores.Runs.CompleteAsync(
            claimed[0].Id, "worker-1", 1, new RunResult(true, 0, "done", null) { Details = """{"steps":[0]}""" }, null, None));
        Assert.True(await stores.Runs.CompleteAsync(claimed[1].Id, "worker-1", 1, new RunResult(false, 2, "partial", "exit 2"), null, None));

        Assert.Equal(
            claimed[0] with
            {
                Status = RunStatus.Succeeded, FinishedAt = now, ExitCode = 0, Output = "done", Error = null, LeaseOwner = null,
                LeaseExpiresAt = null, Details = """{"steps":[0]}""",
            },
            await stores.Runs.GetRunAsync(claimed[0].Id, None));
        Assert.Equal(
            claimed[1] with { Status = RunStatus.Failed, FinishedAt = now, ExitCode = 2, Output = "partial", Error = "exit 2", LeaseOwner = null, LeaseExpiresAt = null },
            await stores.Runs.GetRunAsync(claimed[1].Id, None));

        // Finished runs are neither claimed, renewed nor completed again.
        stores.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await stores.Runs.ClaimAsync("worker-2", 10, Lease, None));
        Assert.False(await stores.Runs.RenewLeaseAsync(claimed[0].Id, "worker-1", 1, Lease, None));
        Assert.False(await stores.Runs.CompleteAsync(claimed[0].Id, "worker-1", 1, RunResult.Failure("again"), null, None));
        Assert.Equal(RunStatus.Succeeded, (await stores.Runs.GetRunAsync(claimed[0].Id, None))?.Status);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task An_expired_lease_is_claimed_again_with_the_next_attempt_and_the_late_worker_is_fenced(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        await stores.Events.AcceptAsync(Samples.Webhook(stores.Clock.UtcNow, maxAttempts: 3), None);
        var lost = Assert.Single(await stores.Runs.ClaimAsync("worker-1", 10, Lease, None));

        stores.Clock.Advance(PastLease);
        var retaken = Assert.Single(await stores.Runs.ClaimAsync("worker-2", 10, Lease, None));

        Assert.Equal(lost.Id, retaken.Id);
        Assert.Equal(2, retaken.Attempt);
        Assert.Equal("worker-2", retaken.LeaseOwner);
        Assert.Equal(stores.Clock.UtcNow + Lease, retaken.LeaseExpiresAt);
        Assert.Equal(stores.Clock.UtcNow, retaken.StartedAt);

        // The first worker wakes up late: neither its renewal nor its completion lands.
        Assert.False(await stores.Runs.RenewLeaseAsync(lost.Id, "worker-1", 1, Lease, None));
        Assert.False(await stores.Runs.CompleteAsync(lost.Id, "worker-1", 1, RunResult.Success("late"), null, None));
        Assert.Equal(retaken, await stores.Runs.GetRunAsync(lost.Id, None));

        Assert.True(await stores.Runs.CompleteAsync(lost.Id, "worker-2", 2, RunResult.Success("on time"), null, None));
        var finished = await stores.Runs.GetRunAsync(lost.Id, None);
        Assert.Equal(RunStatus.Succeeded, finished?.Status);
        Assert.Equal("on time", finished?.Output);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task The_attempt_fences_a_late_completion_even_under_the_same_owner(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        await stores.Events.AcceptAsync(Samples.Webhook(stores.Clock.UtcNow, maxAttempts: 3), None);
        var first = Assert.Single(await stores.Runs.ClaimAsync("host-a", 10, Lease, None));
        stores.Clock.Advance(PastLease);
        var second = Assert.Single(await stores.Runs.ClaimAsync("host-a", 10, Lease, None));

        Assert.Equal(2, second.Attempt);
        Assert.False(await stores.Runs.CompleteAsync(first.Id, "host-a", 1, RunResult.Failure("stale"), null, None));
        Assert.Equal(RunStatus.Running, (await stores.Runs.GetRunAsync(first.Id, None))?.Status);
        Assert.True(await stores.Runs.CompleteAsync(first.Id, "host-a", 2, RunResult.Success(), null, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_lease_that_expires_on_the_last_attempt_fails_the_run(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        await stores.Events.AcceptAsync(Samples.Webhook(stores.Clock.UtcNow, maxAttempts: 2), None);
        Assert.Single(await stores.Runs.ClaimAsync("worker-1", 10, Lease, None));
        stores.Clock.Advance(PastLease);
        var last = Assert.Single(await stores.Runs.ClaimAsync("worker-2", 10, Lease, None));
        Assert.Equal(2, last.Attempt);

        stores.Clock.Advance(PastLease);
        Assert.Empty(await stores.Runs.ClaimAsync("worker-3", 10, Lease, None));

        var failed = await stores.Runs.GetRunAsync(last.Id, None);
        Assert.NotNull(failed);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal(2, failed.Attempt);
        Assert.NotNull(failed.FinishedAt);
        Assert.False(string.IsNullOrWhiteSpace(failed.Error));
        Assert.Null(failed.LeaseOwner);
        Assert.False(await stores.Runs.CompleteAsync(last.Id, "worker-2", 2, RunResult.Success("too late"), null, None));
        Assert.Equal(RunStatus.Failed, (await stores.Runs.GetRunAsync(last.Id, None))?.Status);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Complete_commits_its_outcome_event_with_its_runs_and_deliveries_only_when_fenced(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None);
        await stores.Events.AcceptAsync(Samples.Webhook(now, maxAttempts: 3), None);
        var lost = Assert.Single(await stores.Runs.ClaimAsync("worker-1", 10, Lease, None));
        stores.Clock.Advance(PastLease);
        var current = Assert.Single(await stores.Runs.ClaimAsync("worker-2", 10, Lease, None));
        var stale = Samples.Webhook(now, hook: "notify", subject: "run.completed", deliveries: [Samples.Delivery("d", now, eventType: "run.completed")]);
        var outcome = Samples.Webhook(now, hook: "notify", subject: "run.completed", deliveries: [Samples.Delivery("d", now, eventType: "run.completed")]);

        Assert.False(await stores.Runs.CompleteAsync(lost.Id, "worker-1", 1, RunResult.Success(), stale, None));
        Assert.Null(await stores.Events.GetEventAsync(stale.Event.Id, None));
        Assert.Null(await stores.Runs.GetRunAsync(stale.Runs[0].Id, None));
        Assert.Null(await stores.Deliveries.GetDeliveryAsync(stale.Deliveries![0].Id, None));

        Assert.True(await stores.Runs.CompleteAsync(current.Id, "worker-2", 2, RunResult.Success(), outcome, None));
        Samples.AssertSame(outcome.Event, await stores.Events.GetEventAsync(outcome.Event.Id, None));
        var started = await stores.Runs.GetRunAsync(outcome.Runs[0].Id, None);
        Assert.Equal(RunStatus.Queued, started?.Status);
        Assert.Equal(outcome.Event.Id, started?.EventId);
        var delivery = await stores.Deliveries.GetDeliveryAsync(outcome.Deliveries![0].Id, None);
        Assert.Equal(DeliveryStatus.Pending, delivery?.Status);
        Assert.Equal(outcome.Event.Id, delivery?.EventId);
        Assert.Equal([outcome.Event.Id], (await stores.Events.ListEventsAsync("run.completed", 10, None)).Select(e => e.Id));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Complete_and_its_outcome_event_commit_together_or_not_at_all(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Events.AcceptAsync(Samples.Webhook(now, runIds: ["taken"]), None);
        var run = Assert.Single(await stores.Runs.ClaimAsync("w", 10, Lease, None));

        // The outcome starts a run whose id exists already: it cannot be written, so neither may the result be.
        var outcome = Samples.Webhook(now, subject: "run.completed", runIds: ["taken"]);
        var completed = false;
        try
        {
            completed = await stores.Runs.CompleteAsync(run.Id, "w", 1, RunResult.Success(), outcome, None);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
        }

        Assert.False(completed);
        Assert.Null(await stores.Events.GetEventAsync(outcome.Event.Id, None));
        Assert.Equal(run, await stores.Runs.GetRunAsync(run.Id, None));
        Assert.True(await stores.Runs.CompleteAsync(run.Id, "w", 1, RunResult.Success(), null, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Runs_are_listed_per_hook_newest_first(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var webhook = Samples.Webhook(stores.Clock.UtcNow);
            await stores.Events.AcceptAsync(webhook, None);
            await stores.Events.AcceptAsync(Samples.Webhook(stores.Clock.UtcNow, hook: "other"), None);
            ids.Add(webhook.Runs[0].Id);
            stores.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var listed = await stores.Runs.ListRunsAsync("deploy", 2, None);

        Assert.Equal([ids[2], ids[1]], listed.Select(r => r.Id));
        Assert.All(listed, r => Assert.Equal("deploy", r.HookName));
        Assert.Equal(3, (await stores.Runs.ListRunsAsync("other", 10, None)).Count);
        Assert.Empty(await stores.Runs.ListRunsAsync("nope", 10, None));
        Assert.Null(await stores.Runs.GetRunAsync("nope", None));
    }
}
