using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Deliveries;

public sealed class DeliveryClaimTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Outbox_delivery_is_stored_pending_with_every_field()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        var delivery = SampleDeliveries.Delivery("d", now.AddSeconds(7), "del-1", "run.completed");
        var webhook = SampleDeliveries.Webhook(now.AddSeconds(-1), delivery);
        db.Clock.Advance(TimeSpan.FromSeconds(2));

        await db.Events.AcceptAsync(webhook, None);

        SampleDeliveries.AssertSame(
            new DeliveryRecord(
                "del-1", "d", webhook.Event.Id, "run.completed", "application/json", delivery.Body, DeliveryStatus.Pending,
                0, 0, now.AddSeconds(7), 0, null, null, db.Clock.UtcNow, null, null, null),
            await db.Deliveries.GetDeliveryAsync("del-1", None));
        Assert.Null(await db.Deliveries.GetDeliveryAsync("nope", None));
    }

    [Fact]
    public async Task Empty_body_round_trips_as_empty()
    {
        await using var db = TestDatabase.Create();
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", db.Clock.UtcNow), None);
        var delivery = SampleDeliveries.Delivery("d", db.Clock.UtcNow, "e") with { Body = [] };

        await db.Events.AcceptAsync(SampleDeliveries.Webhook(db.Clock.UtcNow, delivery), None);

        Assert.Empty((await db.Deliveries.GetDeliveryAsync("e", None))!.Body);
    }

    [Fact]
    public async Task Deliveries_are_listed_newest_first_up_to_the_limit()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("other", now), None);
        foreach (var id in new[] { "1", "2", "3" })
        {
            await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, id), SampleDeliveries.Delivery("other", now, "o" + id));
            db.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var listed = await db.Deliveries.ListDeliveriesAsync("d", 2, None);

        Assert.Equal(["3", "2"], listed.Select(d => d.Id));
        Assert.Empty(await db.Deliveries.ListDeliveriesAsync("nope", 10, None));
    }

    [Fact]
    public async Task Claim_takes_due_deliveries_oldest_first_under_a_lease()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        var seeded = await SampleDeliveries.SeedAsync(
            db,
            SampleDeliveries.Delivery("d", now.AddSeconds(-1), "newer"),
            SampleDeliveries.Delivery("d", now.AddSeconds(-3), "older"),
            SampleDeliveries.Delivery("d", now, "just-due"),
            SampleDeliveries.Delivery("d", now.AddMilliseconds(1), "not-yet"));

        var claimed = await db.Deliveries.ClaimDueAsync("worker-1", 10, 10, [], now, Lease, None);

        Assert.Equal(["older", "newer", "just-due"], claimed.Select(d => d.Id));
        foreach (var delivery in claimed)
        {
            var before = seeded.Single(s => s.Id == delivery.Id);
            SampleDeliveries.AssertSame(before with { LeaseOwner = "worker-1", LeaseExpiresAt = now + Lease, LeaseToken = 1 }, delivery);
            SampleDeliveries.AssertSame(delivery, await db.Deliveries.GetDeliveryAsync(delivery.Id, None));
        }

        // The leased ones are not taken again; the last one is, once it is due.
        Assert.Empty(await db.Deliveries.ClaimDueAsync("worker-2", 10, 10, [], now, Lease, None));
        var due = await db.Deliveries.ClaimDueAsync("worker-2", 10, 10, [], now.AddMilliseconds(1), Lease, None);
        Assert.Equal(["not-yet"], due.Select(d => d.Id));
    }

    [Fact]
    public async Task Live_lease_is_not_claimed_and_an_expired_one_is_claimed_with_a_higher_token()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x"));
        var first = Assert.Single(await db.Deliveries.ClaimDueAsync("worker-1", 1, 1, [], now, Lease, None));

        var whileLeased = await db.Deliveries.ClaimDueAsync("worker-2", 1, 1, [], now + Lease - TimeSpan.FromMilliseconds(1), Lease, None);
        var afterExpiry = await db.Deliveries.ClaimDueAsync("worker-2", 1, 1, [], now + Lease, Lease, None);

        Assert.Empty(whileLeased);
        var second = Assert.Single(afterExpiry);
        Assert.Equal("x", second.Id);
        Assert.Equal(1, first.LeaseToken);
        Assert.Equal(2, second.LeaseToken);
        Assert.Equal("worker-2", second.LeaseOwner);
        Assert.Equal(now + Lease + Lease, second.LeaseExpiresAt);
        Assert.Equal(1, second.Attempts); // the expired lease's attempt may have been sent: it is counted, never repeated
    }

    [Fact]
    public async Task Claim_skips_inactive_and_excluded_destinations()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("active", now), None);
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("disabled", now, isActive: false), None);
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("open-circuit", now), None);
        await SampleDeliveries.SeedAsync(
            db,
            SampleDeliveries.Delivery("disabled", now.AddSeconds(-3), "to-disabled"),
            SampleDeliveries.Delivery("open-circuit", now.AddSeconds(-2), "to-open-circuit"),
            SampleDeliveries.Delivery("active", now.AddSeconds(-1), "to-active"));

        var claimed = await db.Deliveries.ClaimDueAsync("w", 10, 10, ["open-circuit", "unknown"], now, Lease, None);

        Assert.Equal(["to-active"], claimed.Select(d => d.Id));

        // Nothing was leased that was not returned: once re-enabled and no longer excluded, they are claimable.
        var disabled = await db.Deliveries.GetDestinationAsync("disabled", None);
        await db.Deliveries.UpdateDestinationAsync(disabled! with { IsActive = true, DisabledReason = null }, None);
        var later = await db.Deliveries.ClaimDueAsync("w", 10, 10, [], now, Lease, None);
        Assert.Equal(["to-disabled", "to-open-circuit"], later.Select(d => d.Id));
        Assert.All(later, d => Assert.Equal(1, d.LeaseToken));
    }

    [Fact]
    public async Task Claim_takes_at_most_per_destination_of_each_destination()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("a", now), None);
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("b", now), None);
        var deliveries = new List<NewDelivery>();
        for (var i = 0; i < 4; i++)
        {
            deliveries.Add(SampleDeliveries.Delivery("a", now.AddSeconds(-10 + i), $"a{i}"));
            deliveries.Add(SampleDeliveries.Delivery("b", now.AddSeconds(-5 + i), $"b{i}"));
        }

        await db.Events.AcceptAsync(SampleDeliveries.Webhook(now, [.. deliveries]), None);

        var claimed = await db.Deliveries.ClaimDueAsync("w", 10, 2, [], now, Lease, None);

        Assert.Equal(["a0", "a1", "b0", "b1"], claimed.Select(d => d.Id));
    }

    [Fact]
    public async Task Claim_takes_at_most_max_oldest_due_across_destinations()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("a", now), None);
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("b", now), None);
        await db.Events.AcceptAsync(
            SampleDeliveries.Webhook(
                now,
                SampleDeliveries.Delivery("a", now.AddSeconds(-4), "a-4"),
                SampleDeliveries.Delivery("b", now.AddSeconds(-3), "b-3"),
                SampleDeliveries.Delivery("a", now.AddSeconds(-2), "a-2"),
                SampleDeliveries.Delivery("b", now.AddSeconds(-1), "b-1")),
            None);

        var first = await db.Deliveries.ClaimDueAsync("w", 3, 10, [], now, Lease, None);
        var rest = await db.Deliveries.ClaimDueAsync("w", 3, 10, [], now, Lease, None);

        Assert.Equal(["a-4", "b-3", "a-2"], first.Select(d => d.Id));
        Assert.Equal(["b-1"], rest.Select(d => d.Id));
    }

    [Fact]
    public async Task Finished_deliveries_are_never_claimed()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "ok"), SampleDeliveries.Delivery("d", now, "dead"));
        foreach (var claimed in await db.Deliveries.ClaimDueAsync("w", 10, 10, [], now, Lease, None))
        {
            var status = claimed.Id == "ok" ? DeliveryStatus.Success : DeliveryStatus.Failed;
            await db.Deliveries.RecordAttemptAsync(
                claimed.Id, "w", claimed.LeaseToken, new DeliveryAttemptRecord(claimed.Id, 1, now, TimeSpan.Zero, 200, null, null),
                new DeliveryOutcome(status, null, false, null, null), None);
        }

        Assert.Empty(await db.Deliveries.ClaimDueAsync("w", 10, 10, [], now.AddDays(1), Lease, None));
    }
}
