using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Deliveries;

public sealed class DeliveryLeaseTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stale_token_cannot_record_renew_or_release_and_changes_nothing()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x"));
        var stale = Assert.Single(await db.Deliveries.ClaimDueAsync("worker-1", 1, 1, [], now, Lease, None));
        var current = Assert.Single(await db.Deliveries.ClaimDueAsync("worker-1", 1, 1, [], now + Lease, Lease, None));
        var destinationBefore = await db.Deliveries.GetDestinationAsync("d", None);

        // Same owner name, older token: every fenced call is refused.
        var recorded = await db.Deliveries.RecordAttemptAsync(
            "x", "worker-1", stale.LeaseToken, new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromSeconds(1), 410, "gone", "HTTP 410"),
            new DeliveryOutcome(DeliveryStatus.Failed, null, false, now, "answered 410"), None);
        var renewed = await db.Deliveries.RenewLeaseAsync("x", "worker-1", stale.LeaseToken, now.AddHours(1), None);
        var released = await db.Deliveries.ReleaseAsync("x", "worker-1", stale.LeaseToken, now.AddHours(1), None);

        Assert.False(recorded);
        Assert.False(renewed);
        Assert.False(released);
        SampleDeliveries.AssertSame(current, await db.Deliveries.GetDeliveryAsync("x", None));
        SampleDeliveries.AssertSame(destinationBefore!, await db.Deliveries.GetDestinationAsync("d", None));
        Assert.Equal(0L, await db.CountAsync("delivery_attempts"));
    }

    [Fact]
    public async Task Another_owner_with_the_current_token_is_refused()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x"));
        var claimed = Assert.Single(await db.Deliveries.ClaimDueAsync("worker-1", 1, 1, [], now, Lease, None));

        Assert.False(await db.Deliveries.RenewLeaseAsync("x", "worker-2", claimed.LeaseToken, now.AddHours(1), None));
        Assert.False(await db.Deliveries.ReleaseAsync("x", "worker-2", claimed.LeaseToken, now.AddHours(1), None));
        Assert.False(await db.Deliveries.RenewLeaseAsync("unknown", "worker-1", claimed.LeaseToken, now.AddHours(1), None));
        SampleDeliveries.AssertSame(claimed, await db.Deliveries.GetDeliveryAsync("x", None));
    }

    [Fact]
    public async Task Renewal_moves_the_end_of_the_lease()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x"));
        var claimed = Assert.Single(await db.Deliveries.ClaimDueAsync("worker-1", 1, 1, [], now, Lease, None));

        Assert.True(await db.Deliveries.RenewLeaseAsync("x", "worker-1", claimed.LeaseToken, now + Lease + Lease, None));

        Assert.Empty(await db.Deliveries.ClaimDueAsync("worker-2", 1, 1, [], now + Lease, Lease, None));
        Assert.Equal(now + Lease + Lease, (await db.Deliveries.GetDeliveryAsync("x", None))!.LeaseExpiresAt);
        var reclaimed = Assert.Single(await db.Deliveries.ClaimDueAsync("worker-2", 1, 1, [], now + Lease + Lease, Lease, None));
        Assert.Equal(2, reclaimed.LeaseToken);
    }

    [Fact]
    public async Task Release_gives_the_delivery_back_unattempted_due_later()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        var seeded = Assert.Single(await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x")));
        var claimed = Assert.Single(await db.Deliveries.ClaimDueAsync("worker-1", 1, 1, [], now, Lease, None));
        var later = now.AddMinutes(5);

        Assert.True(await db.Deliveries.ReleaseAsync("x", "worker-1", claimed.LeaseToken, later, None));
        Assert.False(await db.Deliveries.ReleaseAsync("x", "worker-1", claimed.LeaseToken, later, None));

        SampleDeliveries.AssertSame(seeded with { NextAttemptAt = later, LeaseToken = 1 }, await db.Deliveries.GetDeliveryAsync("x", None));
        Assert.Empty(await db.Deliveries.ClaimDueAsync("worker-2", 1, 1, [], later.AddMilliseconds(-1), Lease, None));
        Assert.Equal(2, Assert.Single(await db.Deliveries.ClaimDueAsync("worker-2", 1, 1, [], later, Lease, None)).LeaseToken);
    }
}
