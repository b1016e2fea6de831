using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Events;

/// <summary><see cref="IEventStore"/>: accepting, idempotency keys, reading events back.</summary>
public sealed class EventStoreContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Accept_commits_the_event_its_runs_its_deliveries_and_its_key_together(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        Assert.True(await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None));
        var delivery = Samples.Delivery("d", now.AddSeconds(5));
        var webhook = Samples.Webhook(now.AddSeconds(-1), runs: 2, key: new IdempotencyKey("deploy", "k-1", now.AddHours(1)), maxAttempts: 4, deliveries: [delivery]);

        var result = await stores.Events.AcceptAsync(webhook, None);

        Assert.True(result.Accepted);
        Assert.Null(result.Conflict);
        Assert.Equal(webhook.Event.Id, result.EventId);
        Assert.Equal(webhook.Runs.Select(r => r.Id), result.RunIds);
        Samples.AssertSame(webhook.Event, await stores.Events.GetEventAsync(webhook.Event.Id, None));
        var numbers = new List<long>();
        foreach (var run in webhook.Runs)
        {
            var storedRun = await stores.Runs.GetRunAsync(run.Id, None);
            Assert.NotNull(storedRun);
            numbers.Add(storedRun.Number);
            Assert.Equal(
                new RunRecord(
                    run.Id, webhook.Event.Id, webhook.Event.RequestId, run.HookName, run.ActionType, run.Input, RunStatus.Queued, 0, 4,
                    now, null, null, null, null, null, null, null) { Number = storedRun.Number },
                storedRun);
        }

        Assert.Equal([1L, 2L], numbers.Order()); // the first runs of the database

        var stored = await stores.Deliveries.GetDeliveryAsync(delivery.Id, None);
        Assert.NotNull(stored);
        Samples.AssertSame(
            new DeliveryRecord(
                delivery.Id, "d", webhook.Event.Id, delivery.EventType, delivery.ContentType, delivery.Body, DeliveryStatus.Pending,
                0, 0, delivery.NextAttemptAt, stored.LeaseToken, null, null, now, null, null, null),
            stored);
        var found = await stores.Events.FindIdempotencyKeyAsync("deploy", "k-1", None);
        Assert.NotNull(found);
        Assert.Equal(webhook.Event.Id, found.EventId);
        Assert.Equal(webhook.Runs.Select(r => r.Id), found.RunIds);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Accept_without_runs_or_key_stores_the_event_alone(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var plain = Samples.Webhook(stores.Clock.UtcNow, runs: 0);
        var webhook = plain with
        {
            Event = plain.Event with { RemoteAddress = null, Subject = null, Body = [], Query = new Dictionary<string, string[]>() },
        };

        var result = await stores.Events.AcceptAsync(webhook, None);

        Assert.True(result.Accepted);
        Assert.Equal(webhook.Event.Id, result.EventId);
        Assert.Empty(result.RunIds);
        Samples.AssertSame(webhook.Event, await stores.Events.GetEventAsync(webhook.Event.Id, None));
        Assert.Empty(await stores.Runs.ListRunsAsync("deploy", 10, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Duplicate_idempotency_key_writes_nothing_and_returns_the_first_requests_ids(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None);
        var key = new IdempotencyKey("deploy", "same", now.AddHours(1));
        var first = Samples.Webhook(now, runs: 2, key: key);
        var second = Samples.Webhook(now, runs: 1, key: key with { ExpiresAt = now.AddHours(2) }, deliveries: [Samples.Delivery("d", now)]);
        Assert.True((await stores.Events.AcceptAsync(first, None)).Accepted);

        var result = await stores.Events.AcceptAsync(second, None);

        Assert.False(result.Accepted);
        Assert.Equal("idempotency-key", result.Conflict);
        Assert.Equal(first.Event.Id, result.EventId);
        Assert.Equal(first.Runs.Select(r => r.Id), result.RunIds);
        Assert.Null(await stores.Events.GetEventAsync(second.Event.Id, None));
        Assert.Null(await stores.Runs.GetRunAsync(second.Runs[0].Id, None));
        Assert.Null(await stores.Deliveries.GetDeliveryAsync(second.Deliveries![0].Id, None));
        Assert.Equal([first.Event.Id], (await stores.Events.ListEventsAsync(null, 10, None)).Select(e => e.Id));
        Assert.Equal(first.Event.Id, (await stores.Events.FindIdempotencyKeyAsync("deploy", "same", None))?.EventId);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task The_same_key_in_another_scope_is_not_a_duplicate(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var first = Samples.Webhook(now, key: new IdempotencyKey("deploy", "k", now.AddHours(1)));
        var other = Samples.Webhook(now, hook: "build", key: new IdempotencyKey("build", "k", now.AddHours(1)));

        Assert.True((await stores.Events.AcceptAsync(first, None)).Accepted);
        Assert.True((await stores.Events.AcceptAsync(other, None)).Accepted);

        Assert.Equal(first.Event.Id, (await stores.Events.FindIdempotencyKeyAsync("deploy", "k", None))?.EventId);
        Assert.Equal(other.Event.Id, (await stores.Events.FindIdempotencyKeyAsync("build", "k", None))?.EventId);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Duplicate_run_id_writes_nothing_and_reports_a_run_id_conflict(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None);
        var first = Samples.Webhook(now, runIds: ["dag-run-1"]);
        var second = Samples.Webhook(
            now, runIds: ["fresh-run", "dag-run-1"], key: new IdempotencyKey("deploy", "k-2", now.AddHours(1)), deliveries: [Samples.Delivery("d", now)]);
        Assert.True((await stores.Events.AcceptAsync(first, None)).Accepted);

        var result = await stores.Events.AcceptAsync(second, None);

        Assert.False(result.Accepted);
        Assert.Equal("run-id", result.Conflict);
        Assert.Null(await stores.Events.GetEventAsync(second.Event.Id, None));
        Assert.Null(await stores.Runs.GetRunAsync("fresh-run", None));
        Assert.Equal(first.Event.Id, (await stores.Runs.GetRunAsync("dag-run-1", None))?.EventId);
        Assert.Null(await stores.Deliveries.GetDeliveryAsync(second.Deliveries![0].Id, None));

        // Its key was not kept either: the sender's retry with a fresh run id is not taken for a duplicate.
        Assert.Null(await stores.Events.FindIdempotencyKeyAsync("deploy", "k-2", None));
        Assert.True((await stores.Events.AcceptAsync(Samples.Webhook(now, runIds: ["dag-run-2"], key: second.IdempotencyKey), None)).Accepted);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Accept_writes_nothing_when_one_of_its_deliveries_cannot_be_written(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None);
        var first = Samples.WebhookWith(now, Samples.Delivery("d", now, "taken"));
        Assert.True((await stores.Events.AcceptAsync(first, None)).Accepted);
        var second = Samples.Webhook(
            now, runs: 1, key: new IdempotencyKey("deploy", "k", now.AddHours(1)),
            deliveries: [Samples.Delivery("d", now, "fresh"), Samples.Delivery("d", now, "taken")]);

        // Refused either way: an exception, or a result that is not accepted.
        var accepted = false;
        try
        {
            accepted = (await stores.Events.AcceptAsync(second, None)).Accepted;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
        }

        Assert.False(accepted);
        Assert.Null(await stores.Events.GetEventAsync(second.Event.Id, None));
        Assert.Null(await stores.Runs.GetRunAsync(second.Runs[0].Id, None));
        Assert.Null(await stores.Deliveries.GetDeliveryAsync("fresh", None));
        Assert.Null(await stores.Events.FindIdempotencyKeyAsync("deploy", "k", None));
        Assert.Equal(first.Event.Id, (await stores.Deliveries.GetDeliveryAsync("taken", None))?.EventId);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Find_returns_an_unexpired_key_only(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var webhook = Samples.Webhook(now, runs: 1, key: new IdempotencyKey("deploy", "k", now.AddMinutes(10)));
        await stores.Events.AcceptAsync(webhook, None);

        Assert.Null(await stores.Events.FindIdempotencyKeyAsync("deploy", "other", None));
        Assert.Null(await stores.Events.FindIdempotencyKeyAsync("build", "k", None));

        stores.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        var found = await stores.Events.FindIdempotencyKeyAsync("deploy", "k", None);
        Assert.NotNull(found);
        Assert.Equal(webhook.Event.Id, found.EventId);
        Assert.Equal([webhook.Runs[0].Id], found.RunIds);

        stores.Clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.Null(await stores.Events.FindIdempotencyKeyAsync("deploy", "k", None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_key_keeps_the_first_requests_fingerprint_and_request_id_for_a_later_find_and_for_a_duplicate(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        byte[] fingerprint = [.. Enumerable.Range(0, 32).Select(i => (byte)(255 - i))];
        var first = Samples.Webhook(now, runs: 1, key: new IdempotencyKey("deploy", "signed-id", now.AddHours(1)) { Fingerprint = fingerprint });
        var repeat = Samples.Webhook(now, runs: 1, key: new IdempotencyKey("deploy", "signed-id", now.AddHours(1)) { Fingerprint = [1, 2, 3] });
        Assert.True((await stores.Events.AcceptAsync(first, None)).Accepted);

        var found = await stores.Events.FindIdempotencyKeyAsync("deploy", "signed-id", None);
        var duplicate = await stores.Events.AcceptAsync(repeat, None);

        foreach (var earlier in new[] { found!, duplicate })
        {
            Assert.Equal(first.Event.Id, earlier.EventId);
            Assert.Equal(first.Event.RequestId, earlier.RequestId);
            Assert.Equal(fingerprint, earlier.Fingerprint);
            Assert.Equal(first.Runs.Select(r => r.Id), earlier.RunIds);
        }

        Assert.False(duplicate.Accepted);
        Assert.Null(await stores.Events.GetEventAsync(repeat.Event.Id, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_key_stored_without_a_fingerprint_is_found_with_none(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var first = Samples.Webhook(now, runs: 0, key: new IdempotencyKey("deploy", "plain", now.AddHours(1)));
        Assert.True((await stores.Events.AcceptAsync(first, None)).Accepted);

        var found = await stores.Events.FindIdempotencyKeyAsync("deploy", "plain", None);

        Assert.NotNull(found);
        Assert.Null(found.Fingerprint);
        Assert.Equal(first.Event.Id, found.EventId);
        Assert.Empty(found.RunIds);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task An_expired_key_taken_by_a_new_request_takes_its_fingerprint_and_request_id(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        Assert.True((await stores.Events.AcceptAsync(
            Samples.Webhook(now, key: new IdempotencyKey("deploy", "k", now.AddMinutes(1)) { Fingerprint = [1] }), None)).Accepted);
        stores.Clock.Advance(TimeSpan.FromMinutes(2));
        var later = stores.Clock.UtcNow;
        var again = Samples.Webhook(later, key: new IdempotencyKey("deploy", "k", later.AddMinutes(1)) { Fingerprint = [2] });

        Assert.True((await stores.Events.AcceptAsync(again, None)).Accepted);

        var found = await stores.Events.FindIdempotencyKeyAsync("deploy", "k", None);
        Assert.Equal(again.Event.RequestId, found?.RequestId);
        Assert.Equal([2], found?.Fingerprint);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task An_expired_key_no_longer_makes_a_duplicate(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var key = new IdempotencyKey("deploy", "k", now.AddMinutes(1));
        Assert.True((await stores.Events.AcceptAsync(Samples.Webhook(now, key: key), None)).Accepted);
        stores.Clock.Advance(TimeSpan.FromMinutes(2));
        var again = Samples.Webhook(stores.Clock.UtcNow, key: key with { ExpiresAt = stores.Clock.UtcNow.AddMinutes(1) });

        var result = await stores.Events.AcceptAsync(again, None);

        Assert.True(result.Accepted);
        Assert.Equal(again.Event.Id, (await stores.Events.FindIdempotencyKeyAsync("deploy", "k", None))?.EventId);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Purge_deletes_expired_keys_only_and_at_most_max(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Events.AcceptAsync(Samples.Webhook(now, key: new IdempotencyKey("deploy", "a", now.AddMinutes(1))), None);
        await stores.Events.AcceptAsync(Samples.Webhook(now, key: new IdempotencyKey("deploy", "b", now.AddMinutes(2))), None);
        await stores.Events.AcceptAsync(Samples.Webhook(now, key: new IdempotencyKey("deploy", "c", now.AddMinutes(3))), None);
        var live = Samples.Webhook(now, key: new IdempotencyKey("deploy", "live", now.AddHours(1)));
        await stores.Events.AcceptAsync(live, None);
        var later = now.AddMinutes(5);

        Assert.Equal(2, await stores.Events.PurgeExpiredIdempotencyKeysAsync(later, 2, None));
        Assert.Equal(1, await stores.Events.PurgeExpiredIdempotencyKeysAsync(later, 2, None));
        Assert.Equal(0, await stores.Events.PurgeExpiredIdempotencyKeysAsync(later, 2, None));

        Assert.Equal(live.Event.Id, (await stores.Events.FindIdempotencyKeyAsync("deploy", "live", None))?.EventId);
        Assert.Equal(4, (await stores.Events.ListEventsAsync(null, 10, None)).Count);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Events_are_listed_newest_first_optionally_by_subject(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var hook1 = Samples.Webhook(now.AddSeconds(1), runs: 0, subject: "event.webhook.deploy");
        var completed1 = Samples.Webhook(now.AddSeconds(2), runs: 0, subject: "run.completed");
        var hook2 = Samples.Webhook(now.AddSeconds(3), runs: 0, subject: "event.webhook.deploy");
        var completed2 = Samples.Webhook(now.AddSeconds(4), runs: 0, subject: "run.completed");
        var completed3 = Samples.Webhook(now.AddSeconds(5), runs: 0, subject: "run.completed");
        foreach (var webhook in new[] { completed2, hook1, completed3, hook2, completed1 })
        {
            await stores.Events.AcceptAsync(webhook, None);
        }

        Assert.Equal(
            [completed3.Event.Id, completed2.Event.Id, hook2.Event.Id, completed1.Event.Id, hook1.Event.Id],
            (await stores.Events.ListEventsAsync(null, 10, None)).Select(e => e.Id));
        Assert.Equal(
            [completed3.Event.Id, completed2.Event.Id],
            (await stores.Events.ListEventsAsync("run.completed", 2, None)).Select(e => e.Id));
        var deploys = await stores.Events.ListEventsAsync("event.webhook.deploy", 10, None);
        Assert.Equal([hook2.Event.Id, hook1.Event.Id], deploys.Select(e => e.Id));
        Samples.AssertSame(hook2.Event, deploys[0]);
        Assert.Empty(await stores.Events.ListEventsAsync("event.webhook.other", 10, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Unknown_event_is_null(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);

        Assert.Null(await stores.Events.GetEventAsync(Guid.CreateVersion7(), None));
    }
}
