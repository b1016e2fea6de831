using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Deliveries;

/// <summary>
/// <see cref="IDeliveryStore"/> after a claim: attempts and their outcomes, renewal, release, and the lease token
/// that fences all three; then replay and the attempt history.
/// </summary>
public sealed class DeliveryAttemptContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_successful_attempt_completes_the_delivery_and_clears_the_destinations_failure(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var claimed = await ClaimOneAsync(stores, "w");
        stores.Clock.Advance(TimeSpan.FromSeconds(2));
        var attempt = new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromMilliseconds(120), 204, "ok", null);

        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "x", "w", claimed.LeaseToken, attempt, new DeliveryOutcome(DeliveryStatus.Success, null, false, null, null), None));

        var stored = await stores.Deliveries.GetDeliveryAsync("x", None);
        Assert.NotNull(stored);
        Samples.AssertSame(
            claimed with
            {
                Status = DeliveryStatus.Success, Attempts = 1, Retries = 0, LeaseOwner = null, LeaseExpiresAt = null,
                CompletedAt = stores.Clock.UtcNow, LastStatusCode = 204, LastError = null,
            },
            stored);
        Assert.Equal([attempt], await stores.Deliveries.ListAttemptsAsync("x", None));
        var destination = await stores.Deliveries.GetDestinationAsync("d", None);
        Assert.Null(destination?.FailingSince);
        Assert.True(destination?.IsActive);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_failed_attempt_that_retries_leaves_the_delivery_pending_until_its_next_time(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var claimed = await ClaimOneAsync(stores, "w");
        var next = now.AddMinutes(5);

        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "x", "w", claimed.LeaseToken,
            new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromSeconds(1), 503, "busy", "503 Service Unavailable"),
            new DeliveryOutcome(DeliveryStatus.Pending, next, true, now.AddSeconds(-10), null), None));

        var stored = await stores.Deliveries.GetDeliveryAsync("x", None);
        Assert.NotNull(stored);
        Samples.AssertSame(
            claimed with
            {
                Attempts = 1, Retries = 1, NextAttemptAt = next, LeaseOwner = null, LeaseExpiresAt = null, CompletedAt = null,
                LastStatusCode = 503, LastError = "503 Service Unavailable",
            },
            stored);
        Assert.Equal(now.AddSeconds(-10), (await stores.Deliveries.GetDestinationAsync("d", None))?.FailingSince);
        Assert.Empty(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], next.AddMilliseconds(-1), Lease, None));
        Assert.Equal(["x"], (await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], next, Lease, None)).Select(d => d.Id));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task An_attempt_can_disable_its_destination(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var claimed = await ClaimOneAsync(stores, "w");
        await Samples.SeedDeliveriesAsync(stores.Events, stores.Deliveries, now, Samples.Delivery("d", now, "waiting"));

        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "x", "w", claimed.LeaseToken, new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromMilliseconds(40), 410, null, "410 Gone"),
            new DeliveryOutcome(DeliveryStatus.Failed, null, false, now, "the receiver answered 410 Gone"), None));

        var destination = await stores.Deliveries.GetDestinationAsync("d", None);
        Assert.False(destination?.IsActive);
        Assert.Equal("the receiver answered 410 Gone", destination?.DisabledReason);
        Assert.Equal(now, destination?.FailingSince);
        Assert.Equal(DeliveryStatus.Failed, (await stores.Deliveries.GetDeliveryAsync("x", None))?.Status);
        Assert.Empty(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now.AddDays(1), Lease, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_worker_whose_lease_was_taken_over_can_neither_record_renew_nor_release(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var lost = await ClaimOneAsync(stores, "worker-1");
        var later = now + Lease + TimeSpan.FromSeconds(1);
        var current = Assert.Single(await stores.Deliveries.ClaimDueAsync("worker-2", 10, 10, [], later, Lease, None));
        var destinationBefore = await stores.Deliveries.GetDestinationAsync("d", None);
        Assert.NotNull(destinationBefore);

        Assert.False(await stores.Deliveries.RecordAttemptAsync(
            "x", "worker-1", lost.LeaseToken, new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromSeconds(1), 410, null, "late"),
            new DeliveryOutcome(DeliveryStatus.Failed, null, false, now, "late disable"), None));
        Assert.False(await stores.Deliveries.RenewLeaseAsync("x", "worker-1", lost.LeaseToken, later.AddMinutes(5), None));
        Assert.False(await stores.Deliveries.ReleaseAsync("x", "worker-1", lost.LeaseToken, later.AddMinutes(5), None));

        // Nothing of the late worker landed: not the attempt, not the delivery's state, not the destination's.
        Assert.Empty(await stores.Deliveries.ListAttemptsAsync("x", None));
        Samples.AssertSame(current, await stores.Deliveries.GetDeliveryAsync("x", None));
        Samples.AssertSame(destinationBefore, await stores.Deliveries.GetDestinationAsync("d", None));

        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "x", "worker-2", current.LeaseToken, new DeliveryAttemptRecord("x", 1, later, TimeSpan.FromSeconds(1), 200, null, null),
            new DeliveryOutcome(DeliveryStatus.Success, null, false, null, null), None));
        Assert.Equal(DeliveryStatus.Success, (await stores.Deliveries.GetDeliveryAsync("x", None))?.Status);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Renewal_needs_the_owner_and_the_current_token_and_holds_off_other_claims(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var claimed = await ClaimOneAsync(stores, "w");
        var until = now.AddMinutes(2);

        Assert.False(await stores.Deliveries.RenewLeaseAsync("x", "other", claimed.LeaseToken, until, None));
        Assert.False(await stores.Deliveries.RenewLeaseAsync("x", "w", claimed.LeaseToken + 1, until, None));
        Assert.False(await stores.Deliveries.RenewLeaseAsync("nope", "w", claimed.LeaseToken, until, None));
        Assert.True(await stores.Deliveries.RenewLeaseAsync("x", "w", claimed.LeaseToken, until, None));

        Assert.Equal(until, (await stores.Deliveries.GetDeliveryAsync("x", None))?.LeaseExpiresAt);
        Assert.Empty(await stores.Deliveries.ClaimDueAsync("w2", 10, 10, [], now.AddMinutes(1), Lease, None));
        Assert.Single(await stores.Deliveries.ClaimDueAsync("w2", 10, 10, [], until.AddSeconds(1), Lease, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Release_gives_a_delivery_back_unattempted_until_its_new_time(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var claimed = await ClaimOneAsync(stores, "w");
        var next = now.AddMinutes(1);

        Assert.False(await stores.Deliveries.ReleaseAsync("x", "other", claimed.LeaseToken, next, None));
        Assert.True(await stores.Deliveries.ReleaseAsync("x", "w", claimed.LeaseToken, next, None));

        var stored = await stores.Deliveries.GetDeliveryAsync("x", None);
        Assert.NotNull(stored);
        Samples.AssertSame(claimed with { NextAttemptAt = next, LeaseOwner = null, LeaseExpiresAt = null }, stored);
        Assert.Empty(await stores.Deliveries.ListAttemptsAsync("x", None));
        Assert.Empty(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], next.AddMilliseconds(-1), Lease, None));
        var again = Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], next, Lease, None));
        Assert.True(again.LeaseToken > claimed.LeaseToken);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Replay_makes_a_finished_delivery_pending_again_with_a_fresh_retry_budget(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var claimed = await ClaimOneAsync(stores, "w");
        Assert.False(await stores.Deliveries.ReplayAsync("x", now, None));
        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "x", "w", claimed.LeaseToken, new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromSeconds(1), 500, null, "500"),
            new DeliveryOutcome(DeliveryStatus.Pending, now, true, now, null), None));
        var retry = Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now, Lease, None));
        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "x", "w", retry.LeaseToken, new DeliveryAttemptRecord("x", 2, now, TimeSpan.FromSeconds(1), 500, null, "500 again"),
            new DeliveryOutcome(DeliveryStatus.Failed, null, true, now, null), None));
        var dead = await stores.Deliveries.GetDeliveryAsync("x", None);
        Assert.Equal((DeliveryStatus.Failed, 2, 2), (dead?.Status, dead?.Attempts, dead?.Retries));
        var replayAt = now.AddHours(1);

        Assert.True(await stores.Deliveries.ReplayAsync("x", replayAt, None));
        Assert.False(await stores.Deliveries.ReplayAsync("x", replayAt, None));
        Assert.False(await stores.Deliveries.ReplayAsync("nope", replayAt, None));

        var replayed = await stores.Deliveries.GetDeliveryAsync("x", None);
        Assert.NotNull(replayed);
        Assert.Equal(DeliveryStatus.Pending, replayed.Status);
        Assert.Equal(replayAt, replayed.NextAttemptAt);
        Assert.Equal(2, replayed.Attempts);
        Assert.Equal(0, replayed.Retries);
        Assert.Null(replayed.CompletedAt);
        Assert.Null(replayed.LeaseOwner);
        var third = Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], replayAt, Lease, None));
        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "x", "w", third.LeaseToken, new DeliveryAttemptRecord("x", 3, replayAt, TimeSpan.FromSeconds(1), 200, null, null),
            new DeliveryOutcome(DeliveryStatus.Success, null, false, null, null), None));
        Assert.True(await stores.Deliveries.ReplayAsync("x", replayAt.AddHours(1), None));
        Assert.Equal(3, (await stores.Deliveries.GetDeliveryAsync("x", None))?.Attempts);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Attempts_are_listed_first_first_with_every_field(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var first = new DeliveryAttemptRecord("x", 1, now, TimeSpan.FromMilliseconds(1500), null, null, "connection refused");
        var second = new DeliveryAttemptRecord("x", 2, now.AddSeconds(5), TimeSpan.FromMilliseconds(42), 200, """{"ok":true}""", null);
        var claimed = await ClaimOneAsync(stores, "w");
        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "x", "w", claimed.LeaseToken, first, new DeliveryOutcome(DeliveryStatus.Pending, now.AddSeconds(5), true, now, null), None));
        var retry = Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now.AddSeconds(5), Lease, None));
        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "x", "w", retry.LeaseToken, second, new DeliveryOutcome(DeliveryStatus.Success, null, false, null, null), None));

        Assert.Equal([first, second], await stores.Deliveries.ListAttemptsAsync("x", None));
        Assert.Empty(await stores.Deliveries.ListAttemptsAsync("nope", None));
        var delivery = await stores.Deliveries.GetDeliveryAsync("x", None);
        Assert.Equal((2, 1, 200, (string?)null), (delivery?.Attempts, delivery?.Retries, delivery?.LastStatusCode, delivery?.LastError));
    }

    /// <summary>A destination <c>d</c> with one due delivery <c>x</c>, claimed by <paramref name="owner"/>.</summary>
    private static async Task<DeliveryRecord> ClaimOneAsync(StoreFixture stores, string owner)
    {
        var now = stores.Clock.UtcNow;
        Assert.True(await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None));
        await Samples.SeedDeliveriesAsync(stores.Events, stores.Deliveries, now, Samples.Delivery("d", now, "x"));
        var claimed = Assert.Single(await stores.Deliveries.ClaimDueAsync(owner, 10, 10, [], now, Lease, None));
        Assert.Equal("x", claimed.Id);
        return claimed;
    }
}
