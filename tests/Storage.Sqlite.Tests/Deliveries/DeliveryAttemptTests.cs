using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Deliveries;

public sealed class DeliveryAttemptTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Failed_attempt_that_will_be_retried_is_recorded_with_the_delivery_and_destination()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        var destination = SampleDeliveries.Destination("d", now) with { FailingSince = null };
        await db.Deliveries.CreateDestinationAsync(destination, None);
        var seeded = Assert.Single(await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x")));
        var claimed = Assert.Single(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], now, Lease, None));
        db.Clock.Advance(TimeSpan.FromSeconds(2));
        var attempt = new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromMilliseconds(1234), 503, "try later", "HTTP 503");
        var retryAt = now.AddSeconds(5);

        var recorded = await db.Deliveries.RecordAttemptAsync(
            "x", "w", claimed.LeaseToken, attempt, new DeliveryOutcome(DeliveryStatus.Pending, retryAt, true, now, null), None);

        Assert.True(recorded);
        Assert.Equal([attempt], await db.Deliveries.ListAttemptsAsync("x", None));
        SampleDeliveries.AssertSame(
            seeded with { Attempts = 1, Retries = 1, NextAttemptAt = retryAt, LeaseToken = 1, LastStatusCode = 503, LastError = "HTTP 503" },
            await db.Deliveries.GetDeliveryAsync("x", None));
        SampleDeliveries.AssertSame(destination with { FailingSince = now }, await db.Deliveries.GetDestinationAsync("d", None));

        // It is due again at the retry time, under a new token.
        Assert.Empty(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], retryAt.AddMilliseconds(-1), Lease, None));
        Assert.Equal(2, Assert.Single(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], retryAt, Lease, None)).LeaseToken);
    }

    [Fact]
    public async Task Successful_attempt_completes_the_delivery_and_clears_failing_since()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        var destination = SampleDeliveries.Destination("d", now);
        await db.Deliveries.CreateDestinationAsync(destination, None);
        var seeded = Assert.Single(await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x")));
        var claimed = Assert.Single(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], now, Lease, None));
        db.Clock.Advance(TimeSpan.FromSeconds(3));
        var attempt = new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromMilliseconds(40), 204, string.Empty, null);

        Assert.True(await db.Deliveries.RecordAttemptAsync(
            "x", "w", claimed.LeaseToken, attempt, new DeliveryOutcome(DeliveryStatus.Success, null, false, null, null), None));

        SampleDeliveries.AssertSame(
            seeded with { Status = DeliveryStatus.Success, Attempts = 1, LeaseToken = 1, CompletedAt = db.Clock.UtcNow, LastStatusCode = 204 },
            await db.Deliveries.GetDeliveryAsync("x", None));
        SampleDeliveries.AssertSame(destination with { FailingSince = null }, await db.Deliveries.GetDestinationAsync("d", None));
        Assert.Equal([attempt], await db.Deliveries.ListAttemptsAsync("x", None));

        // A finished delivery is no longer leased by anyone: the same token records nothing more.
        Assert.False(await db.Deliveries.RecordAttemptAsync(
            "x", "w", claimed.LeaseToken, attempt with { Attempt = 2 }, new DeliveryOutcome(DeliveryStatus.Success, null, false, null, null), None));
        Assert.Single(await db.Deliveries.ListAttemptsAsync("x", None));
    }

    [Fact]
    public async Task Gone_destination_fails_the_delivery_and_is_disabled_with_its_reason()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        var destination = SampleDeliveries.Destination("d", now);
        await db.Deliveries.CreateDestinationAsync(destination, None);
        var seeded = Assert.Single(await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x")));
        var claimed = Assert.Single(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], now, Lease, None));
        db.Clock.Advance(TimeSpan.FromSeconds(1));
        var excerpt = new string('z', 4096);
        var attempt = new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromMilliseconds(12), 410, excerpt, "HTTP 410 Gone");

        Assert.True(await db.Deliveries.RecordAttemptAsync(
            "x", "w", claimed.LeaseToken, attempt, new DeliveryOutcome(DeliveryStatus.Failed, null, true, now, "answered 410 Gone"), None));

        SampleDeliveries.AssertSame(
            seeded with
            {
                Status = DeliveryStatus.Failed, Attempts = 1, Retries = 1, LeaseToken = 1, CompletedAt = db.Clock.UtcNow,
                LastStatusCode = 410, LastError = "HTTP 410 Gone",
            },
            await db.Deliveries.GetDeliveryAsync("x", None));
        SampleDeliveries.AssertSame(
            destination with { IsActive = false, DisabledReason = "answered 410 Gone", FailingSince = now, UpdatedAt = db.Clock.UtcNow },
            await db.Deliveries.GetDestinationAsync("d", None));
        Assert.Equal(excerpt, Assert.Single(await db.Deliveries.ListAttemptsAsync("x", None)).ResponseExcerpt);
    }

    [Fact]
    public async Task Attempt_that_cannot_be_stored_rolls_back_the_delivery_and_destination_changes()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        var destination = SampleDeliveries.Destination("d", now) with { FailingSince = null };
        await db.Deliveries.CreateDestinationAsync(destination, None);
        await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x"));
        var first = Assert.Single(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], now, Lease, None));
        var attempt = new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromMilliseconds(5), null, null, "connection refused");
        Assert.True(await db.Deliveries.RecordAttemptAsync(
            "x", "w", first.LeaseToken, attempt, new DeliveryOutcome(DeliveryStatus.Pending, now, true, null, null), None));
        var second = Assert.Single(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], now, Lease, None));

        // Attempt 1 again: the attempt row collides, so the whole write must be undone.
        var duplicate = db.Deliveries.RecordAttemptAsync(
            "x", "w", second.LeaseToken, attempt, new DeliveryOutcome(DeliveryStatus.Failed, null, true, now, "failing too long"), None);

        await Assert.ThrowsAsync<SqliteException>(() => duplicate);
        SampleDeliveries.AssertSame(second, await db.Deliveries.GetDeliveryAsync("x", None));
        SampleDeliveries.AssertSame(destination, await db.Deliveries.GetDestinationAsync("d", None));
        Assert.Single(await db.Deliveries.ListAttemptsAsync("x", None));
    }

    [Fact]
    public async Task Attempts_are_listed_first_first()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "x"));
        for (var n = 1; n <= 3; n++)
        {
            var claimed = Assert.Single(await db.Deliveries.ClaimDueAsync("w", 1, 1, [], now, Lease, None));
            Assert.True(await db.Deliveries.RecordAttemptAsync(
                "x", "w", claimed.LeaseToken, new DeliveryAttemptRecord("x", n, now.AddSeconds(n), TimeSpan.FromSeconds(n), 500, null, $"HTTP 500 #{n}"),
                new DeliveryOutcome(DeliveryStatus.Pending, now, true, now, null), None));
        }

        var attempts = await db.Deliveries.ListAttemptsAsync("x", None);

        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Equal(3, (await db.Deliveries.GetDeliveryAsync("x", None))!.Attempts);
        Assert.Empty(await db.Deliveries.ListAttemptsAsync("nope", None));
    }
}
