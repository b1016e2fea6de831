using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Deliveries;

public sealed class DeliveryReplayTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(DeliveryStatus.Failed)]
    [InlineData(DeliveryStatus.Success)]
    public async Task Finished_delivery_is_replayed_with_a_fresh_retry_budget(DeliveryStatus finished)
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x"));
        var claimed = Assert.Single(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], now, Lease, None));
        await db.Deliveries.RecordAttemptAsync(
            "x", "w", claimed.LeaseToken, new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromSeconds(1), 500, null, "HTTP 500"),
            new DeliveryOutcome(finished, null, true, null, null), None);
        var done = await db.Deliveries.GetDeliveryAsync("x", None);
        var replayAt = now.AddHours(1);

        Assert.True(await db.Deliveries.ReplayAsync("x", replayAt, None));

        SampleDeliveries.AssertSame(
            done! with { Status = DeliveryStatus.Pending, NextAttemptAt = replayAt, Retries = 0, CompletedAt = null },
            await db.Deliveries.GetDeliveryAsync("x", None));
        Assert.False(await db.Deliveries.ReplayAsync("x", replayAt, None));
        var again = Assert.Single(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], replayAt, Lease, None));
        Assert.Equal(2, again.LeaseToken);
        Assert.Equal(1, again.Attempts);
    }

    [Fact]
    public async Task Pending_or_unknown_delivery_is_not_replayed()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        var seeded = await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now.AddMinutes(1), "waiting"), SampleDeliveries.Delivery("d", now, "leased"));
        var leased = Assert.Single(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], now, Lease, None));

        Assert.False(await db.Deliveries.ReplayAsync("waiting", now, None));
        Assert.False(await db.Deliveries.ReplayAsync("leased", now, None));
        Assert.False(await db.Deliveries.ReplayAsync("nope", now, None));

        SampleDeliveries.AssertSame(seeded[0], await db.Deliveries.GetDeliveryAsync("waiting", None));
        SampleDeliveries.AssertSame(leased, await db.Deliveries.GetDeliveryAsync("leased", None));
    }
}
