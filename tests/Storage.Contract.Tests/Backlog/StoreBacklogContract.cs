using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Backlog;

/// <summary><see cref="IStoreBacklog"/>: queued runs by hook and pending deliveries by destination, with the oldest of each.</summary>
public sealed class StoreBacklogContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task An_empty_store_has_no_backlog(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);

        var backlog = await stores.Backlog.GetBacklogAsync(None);

        Assert.Empty(backlog.QueuedRuns);
        Assert.Empty(backlog.PendingDeliveries);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Backlog_counts_only_queued_runs_and_pending_deliveries_and_finds_the_oldest_of_each(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var start = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("a", start), None);
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("b", start), None);

        // One run of 'deploy' runs and finishes, one is claimed and still running: neither is queued.
        Assert.True((await stores.Events.AcceptAsync(Samples.Webhook(start, runs: 2), None)).Accepted);
        var claimed = await stores.Runs.ClaimAsync("w", 2, Lease, None);
        Assert.Equal(2, claimed.Count);
        Assert.True(await stores.Runs.CompleteAsync(claimed[0].Id, "w", 1, RunResult.Success("ok"), null, None));

        // Then three queued runs of 'deploy' (the first one 10 s older than the rest) and one of 'build'.
        stores.Clock.Advance(TimeSpan.FromSeconds(5));
        var oldestDeploy = stores.Clock.UtcNow;
        Assert.True((await stores.Events.AcceptAsync(Samples.Webhook(oldestDeploy), None)).Accepted);
        stores.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await stores.Events.AcceptAsync(Samples.Webhook(stores.Clock.UtcNow, runs: 2), None)).Accepted);
        var build = stores.Clock.UtcNow;
        Assert.True((await stores.Events.AcceptAsync(Samples.Webhook(build, hook: "build"), None)).Accepted);

        // Deliveries: one to 'a' delivered, two to 'a' pending (one of them due in an hour), one to 'b' pending.
        var delivered = await Samples.SeedDeliveriesAsync(stores.Events, stores.Deliveries, build, Samples.Delivery("a", build, "delivered"));
        var lease = Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], build, Lease, None));
        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "delivered", "w", lease.LeaseToken,
            new DeliveryAttemptRecord("delivered", 1, build, TimeSpan.FromMilliseconds(5), 200, "ok", null),
            new DeliveryOutcome(DeliveryStatus.Success, null, false, null, null), None));
        Assert.Equal("delivered", delivered[0].Id);
        stores.Clock.Advance(TimeSpan.FromSeconds(1));
        var oldestA = stores.Clock.UtcNow;
        await Samples.SeedDeliveriesAsync(stores.Events, stores.Deliveries, oldestA, Samples.Delivery("a", oldestA.AddHours(1), "a-later"));
        stores.Clock.Advance(TimeSpan.FromSeconds(1));
        var b = stores.Clock.UtcNow;
        await Samples.SeedDeliveriesAsync(stores.Events, stores.Deliveries, b, Samples.Delivery("a", b, "a-due"), Samples.Delivery("b", b, "b-due"));

        var backlog = await stores.Backlog.GetBacklogAsync(None);

        Assert.Equal(
            [new BacklogGroup("build", 1, build), new BacklogGroup("deploy", 3, oldestDeploy)],
            backlog.QueuedRuns.OrderBy(g => g.Key, StringComparer.Ordinal).Select(Exact));
        Assert.Equal(
            [new BacklogGroup("a", 2, oldestA), new BacklogGroup("b", 1, b)],
            backlog.PendingDeliveries.OrderBy(g => g.Key, StringComparer.Ordinal).Select(Exact));
    }

    // Stores keep milliseconds; the clock started on a whole millisecond and moved by whole seconds.
    private static BacklogGroup Exact(BacklogGroup group) => group with { OldestCreatedAt = group.OldestCreatedAt.ToUniversalTime() };
}
