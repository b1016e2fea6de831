using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Deliveries;

/// <summary><see cref="IDeliveryStore.ClaimDueAsync"/>: what is due, whose, how many, under which lease.</summary>
public sealed class DeliveryClaimContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Claim_takes_due_deliveries_oldest_due_first_under_a_lease(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None);
        var seeded = await Samples.SeedDeliveriesAsync(
            stores.Events,
            stores.Deliveries,
            now,
            Samples.Delivery("d", now.AddSeconds(-1), "newer"),
            Samples.Delivery("d", now.AddSeconds(-3), "older"),
            Samples.Delivery("d", now, "just-due"),
            Samples.Delivery("d", now.AddSeconds(1), "not-yet"));

        var claimed = await stores.Deliveries.ClaimDueAsync("worker-1", 10, 10, [], now, Lease, None);

        Assert.Equal(["older", "newer", "just-due"], claimed.Select(d => d.Id));
        foreach (var delivery in claimed)
        {
            var before = seeded.Single(s => s.Id == delivery.Id);
            Assert.True(delivery.LeaseToken > before.LeaseToken);
            Samples.AssertSame(before with { LeaseOwner = "worker-1", LeaseExpiresAt = now + Lease, LeaseToken = delivery.LeaseToken }, delivery);
            Samples.AssertSame(delivery, await stores.Deliveries.GetDeliveryAsync(delivery.Id, None));
        }

        var later = await stores.Deliveries.ClaimDueAsync("worker-2", 10, 10, [], now.AddSeconds(1), Lease, None);
        Assert.Equal(["not-yet"], later.Select(d => d.Id));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Claim_takes_at_most_max_in_all_and_per_destination(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("a", now), None);
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("b", now), None);
        await Samples.SeedDeliveriesAsync(
            stores.Events,
            stores.Deliveries,
            now,
            Samples.Delivery("a", now.AddSeconds(-10), "a1"),
            Samples.Delivery("a", now.AddSeconds(-9), "a2"),
            Samples.Delivery("a", now.AddSeconds(-8), "a3"),
            Samples.Delivery("b", now.AddSeconds(-7), "b1"),
            Samples.Delivery("b", now.AddSeconds(-6), "b2"),
            Samples.Delivery("b", now.AddSeconds(-5), "b3"));

        var perDestination = await stores.Deliveries.ClaimDueAsync("w", 10, 2, [], now, Lease, None);
        Assert.Equal(["a1", "a2", "b1", "b2"], perDestination.Select(d => d.Id));

        var capped = await stores.Deliveries.ClaimDueAsync("w", 1, 10, [], now, Lease, None);
        Assert.Equal(["a3"], capped.Select(d => d.Id));

        Assert.Equal(["b3"], (await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now, Lease, None)).Select(d => d.Id));
        Assert.Empty(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now, Lease, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Claim_skips_inactive_and_excluded_destinations(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("on", now), None);
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("off", now, isActive: false), None);
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("busy", now), None);
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("open-circuit", now), None);
        await Samples.SeedDeliveriesAsync(
            stores.Events,
            stores.Deliveries,
            now,
            Samples.Delivery("on", now, "on-1"),
            Samples.Delivery("off", now.AddSeconds(-5), "off-1"),
            Samples.Delivery("busy", now.AddSeconds(-4), "busy-1"),
            Samples.Delivery("open-circuit", now.AddSeconds(-3), "open-1"));

        var claimed = await stores.Deliveries.ClaimDueAsync("w", 10, 10, ["busy", "open-circuit"], now, Lease, None);
        Assert.Equal(["on-1"], claimed.Select(d => d.Id));

        Assert.Equal(["busy-1"], (await stores.Deliveries.ClaimDueAsync("w", 10, 10, ["open-circuit"], now, Lease, None)).Select(d => d.Id));

        // Enabled again, its waiting deliveries are claimed.
        Assert.True(await stores.Deliveries.UpdateDestinationAsync(Samples.Destination("off", now), None));
        Assert.Equal(["off-1", "open-1"], (await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now, Lease, None)).Select(d => d.Id));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_leased_delivery_is_claimed_again_only_after_its_lease_expires_with_a_higher_token(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None);
        await Samples.SeedDeliveriesAsync(stores.Events, stores.Deliveries, now, Samples.Delivery("d", now, "x"));
        var first = Assert.Single(await stores.Deliveries.ClaimDueAsync("worker-1", 10, 10, [], now, Lease, None));

        Assert.Empty(await stores.Deliveries.ClaimDueAsync("worker-2", 10, 10, [], now.AddSeconds(29), Lease, None));

        var later = now.AddSeconds(31);
        var second = Assert.Single(await stores.Deliveries.ClaimDueAsync("worker-2", 10, 10, [], later, Lease, None));
        Assert.Equal("x", second.Id);
        Assert.True(second.LeaseToken > first.LeaseToken);
        Assert.Equal("worker-2", second.LeaseOwner);
        Assert.Equal(later + Lease, second.LeaseExpiresAt);
        // worker-1 never recorded its attempt (it died mid-request, say): the take-over counts it, so the next
        // attempt is number 2, not a second number 1.
        Assert.Equal(1, second.Attempts);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_claim_given_back_or_recorded_is_not_counted_again_when_the_delivery_is_claimed_next(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None);
        await Samples.SeedDeliveriesAsync(stores.Events, stores.Deliveries, now, Samples.Delivery("d", now, "x"));

        var given = Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now, Lease, None));
        Assert.True(await stores.Deliveries.ReleaseAsync("x", "w", given.LeaseToken, now, None));
        var claimed = Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now, Lease, None));
        Assert.Equal(0, claimed.Attempts);

        var attempt = new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromMilliseconds(5), 500, null, "HTTP 500");
        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "x", "w", claimed.LeaseToken, attempt, new DeliveryOutcome(DeliveryStatus.Pending, now, true, now, null), None));
        var again = Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now, Lease, None));
        Assert.Equal(1, again.Attempts);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Finished_deliveries_are_not_claimed(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None);
        await Samples.SeedDeliveriesAsync(stores.Events, stores.Deliveries, now, Samples.Delivery("d", now, "ok"), Samples.Delivery("d", now, "dead"));
        foreach (var delivery in await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now, Lease, None))
        {
            var succeeded = delivery.Id == "ok";
            Assert.True(await stores.Deliveries.RecordAttemptAsync(
                delivery.Id, "w", delivery.LeaseToken,
                new DeliveryAttemptRecord(delivery.Id, 1, now, TimeSpan.FromMilliseconds(3), succeeded ? 200 : 410, null, succeeded ? null : "gone"),
                new DeliveryOutcome(succeeded ? DeliveryStatus.Success : DeliveryStatus.Failed, null, false, null, null), None));
        }

        Assert.Empty(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now.AddDays(1), Lease, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Deliveries_are_listed_per_destination_newest_first(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None);
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("other", now), None);
        foreach (var id in new[] { "1", "2", "3" })
        {
            await Samples.SeedDeliveriesAsync(
                stores.Events, stores.Deliveries, stores.Clock.UtcNow, Samples.Delivery("d", now, id), Samples.Delivery("other", now, "o" + id));
            stores.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var listed = await stores.Deliveries.ListDeliveriesAsync("d", 2, None);

        Assert.Equal(["3", "2"], listed.Select(d => d.Id));
        var two = await stores.Deliveries.GetDeliveryAsync("2", None);
        Assert.NotNull(two);
        Samples.AssertSame(two, listed[1]);
        Assert.Empty(await stores.Deliveries.ListDeliveriesAsync("nope", 10, None));
        Assert.Null(await stores.Deliveries.GetDeliveryAsync("nope", None));
    }
}
