using System.Collections.Concurrent;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Retention;

/// <summary>
/// <see cref="IStoreRetention"/>: only finished history older than the cut-off goes, a batch at a time; unfinished
/// work (queued or running runs, pending deliveries) and the events it belongs to stay, even while requests are
/// being accepted.
/// </summary>
public sealed class StoreRetentionContract
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);
    private static readonly RetentionKind[] Kinds = [RetentionKind.Deliveries, RetentionKind.Runs, RetentionKind.Events];

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Purge_deletes_only_expired_finished_rows_in_batches_while_requests_are_accepted(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var old = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", old), None);

        // Finished: three events whose run succeeded, or failed, and whose delivery succeeded, or failed for good.
        var finished = new List<AcceptedWebhook>();
        for (var i = 0; i < 3; i++)
        {
            var webhook = Samples.Webhook(old, deliveries: [Samples.Delivery("d", old, $"done-{i}")]);
            Assert.True((await stores.Events.AcceptAsync(webhook, None)).Accepted);
            var run = Assert.Single(await stores.Runs.ClaimAsync("w", 10, Lease, None));
            Assert.True(await stores.Runs.CompleteAsync(run.Id, "w", 1, i == 0 ? RunResult.Failure("exit 1") : RunResult.Success("ok"), null, None));
            var delivery = Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], old, Lease, None));
            Assert.True(await stores.Deliveries.RecordAttemptAsync(
                delivery.Id, "w", delivery.LeaseToken,
                new DeliveryAttemptRecord(delivery.Id, 1, old, TimeSpan.FromMilliseconds(3), i == 0 ? 500 : 200, "x", null),
                new DeliveryOutcome(i == 0 ? DeliveryStatus.Failed : DeliveryStatus.Success, null, i == 0, null, null), None));
            finished.Add(webhook);
        }

        // Unfinished, as old: a running run, a queued run, a pending delivery (claimed, and one not due yet).
        var running = Samples.Webhook(old);
        Assert.True((await stores.Events.AcceptAsync(running, None)).Accepted);
        Assert.Single(await stores.Runs.ClaimAsync("w", 10, Lease, None));
        var queued = Samples.Webhook(old);
        Assert.True((await stores.Events.AcceptAsync(queued, None)).Accepted);
        var inFlight = Samples.WebhookWith(old, Samples.Delivery("d", old, "in-flight"));
        Assert.True((await stores.Events.AcceptAsync(inFlight, None)).Accepted);
        Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], old, Lease, None));
        var later = Samples.WebhookWith(old, Samples.Delivery("d", old.AddDays(60), "later"));
        Assert.True((await stores.Events.AcceptAsync(later, None)).Accepted);

        // An old event without runs but with an idempotency key still live: the key refers to it, so it stays.
        var keyed = Samples.Webhook(old, runs: 0, key: new IdempotencyKey("deploy", "k-1", old.AddDays(90)));
        Assert.True((await stores.Events.AcceptAsync(keyed, None)).Accepted);

        // A month later: the window is 30 days, so all of the above is past it.
        stores.Clock.Advance(TimeSpan.FromDays(31));
        var cutOff = stores.Clock.UtcNow - TimeSpan.FromDays(30);

        // Ingest keeps running beside the purge; everything it accepts is new and must stay.
        using var stop = new CancellationTokenSource();
        var accepted = new ConcurrentBag<AcceptedWebhook>();
        var ingest = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var webhook = Samples.Webhook(stores.Clock.UtcNow, deliveries: [Samples.Delivery("d", stores.Clock.UtcNow)]);
                Assert.True((await stores.Events.AcceptAsync(webhook, None)).Accepted);
                accepted.Add(webhook);
            }
        });

        var deleted = new Dictionary<RetentionKind, int>();
        foreach (var kind in Kinds)
        {
            int batch;
            do
            {
                batch = await stores.Retention.PurgeAsync(new RetentionPurge(kind, cutOff, 2), None);
                Assert.InRange(batch, 0, 2);
                deleted[kind] = deleted.GetValueOrDefault(kind) + batch;
            }
            while (batch > 0);
        }

        // Let the ingest accept a few while nothing is purged too, then stop it.
        while (accepted.Count < 5)
        {
            await Task.Delay(10);
        }

        await stop.CancelAsync();
        await ingest;

        Assert.Equal(3, deleted[RetentionKind.Deliveries]);
        Assert.Equal(3, deleted[RetentionKind.Runs]);
        Assert.Equal(3, deleted[RetentionKind.Events]);
        foreach (var webhook in finished)
        {
            Assert.Null(await stores.Events.GetEventAsync(webhook.Event.Id, None));
            Assert.Null(await stores.Runs.GetRunAsync(webhook.Runs[0].Id, None));
            Assert.Null(await stores.Deliveries.GetDeliveryAsync(webhook.Deliveries![0].Id, None));
            Assert.Empty(await stores.Deliveries.ListAttemptsAsync(webhook.Deliveries![0].Id, None));
        }

        Assert.Equal(RunStatus.Running, (await stores.Runs.GetRunAsync(running.Runs[0].Id, None))?.Status);
        Assert.Equal(RunStatus.Queued, (await stores.Runs.GetRunAsync(queued.Runs[0].Id, None))?.Status);
        Assert.Equal(DeliveryStatus.Pending, (await stores.Deliveries.GetDeliveryAsync("in-flight", None))?.Status);
        Assert.Equal(DeliveryStatus.Pending, (await stores.Deliveries.GetDeliveryAsync("later", None))?.Status);
        foreach (var kept in new[] { running, queued, inFlight, later, keyed }.Concat(accepted))
        {
            Assert.NotNull(await stores.Events.GetEventAsync(kept.Event.Id, None));
        }

        foreach (var fresh in accepted)
        {
            Assert.NotNull(await stores.Runs.GetRunAsync(fresh.Runs[0].Id, None));
            Assert.NotNull(await stores.Deliveries.GetDeliveryAsync(fresh.Deliveries![0].Id, None));
        }
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_purge_of_one_hook_or_of_every_hook_but_some_keeps_to_those_hooks(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var old = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", old), None);
        var byHook = new Dictionary<string, AcceptedWebhook>();
        foreach (var hook in new[] { "short", "long", "other" })
        {
            var webhook = Samples.Webhook(old, hook: hook, deliveries: [Samples.Delivery("d", old, "to-" + hook)]);
            Assert.True((await stores.Events.AcceptAsync(webhook, None)).Accepted);
            var run = Assert.Single(await stores.Runs.ClaimAsync("w", 10, Lease, None));
            Assert.True(await stores.Runs.CompleteAsync(run.Id, "w", 1, RunResult.Success("ok"), null, None));
            var delivery = Assert.Single(await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], old, Lease, None));
            Assert.True(await stores.Deliveries.RecordAttemptAsync(
                delivery.Id, "w", delivery.LeaseToken,
                new DeliveryAttemptRecord(delivery.Id, 1, old, TimeSpan.FromMilliseconds(3), 200, "x", null),
                new DeliveryOutcome(DeliveryStatus.Success, null, false, null, null), None));
            byHook[hook] = webhook;
        }

        stores.Clock.Advance(TimeSpan.FromDays(10));
        var cutOff = stores.Clock.UtcNow;

        // Every hook but 'short' and 'long' (they have windows of their own): only 'other' goes.
        await PurgeAllAsync(stores, new RetentionPurge(RetentionKind.Deliveries, cutOff, 10) { ExceptHooks = ["short", "long"] });
        await PurgeAllAsync(stores, new RetentionPurge(RetentionKind.Runs, cutOff, 10) { ExceptHooks = ["short", "long"] });
        await PurgeAllAsync(stores, new RetentionPurge(RetentionKind.Events, cutOff, 10) { ExceptHooks = ["short", "long"] });
        await AssertKeptAsync(stores, byHook, kept: ["short", "long"], gone: ["other"]);

        // 'long' with a cut-off before its rows: nothing of it goes; 'short' with one after them: all of it goes.
        foreach (var kind in Kinds)
        {
            Assert.Equal(0, await stores.Retention.PurgeAsync(new RetentionPurge(kind, old.AddDays(-1), 10) { HookName = "long" }, None));
            Assert.Equal(1, await stores.Retention.PurgeAsync(new RetentionPurge(kind, cutOff, 10) { HookName = "short" }, None));
        }

        await AssertKeptAsync(stores, byHook, kept: ["long"], gone: ["other", "short"]);
    }

    private static async Task PurgeAllAsync(StoreFixture stores, RetentionPurge purge)
    {
        while (await stores.Retention.PurgeAsync(purge, None) > 0)
        {
        }
    }

    private static async Task AssertKeptAsync(StoreFixture stores, Dictionary<string, AcceptedWebhook> byHook, string[] kept, string[] gone)
    {
        foreach (var hook in kept)
        {
            Assert.NotNull(await stores.Events.GetEventAsync(byHook[hook].Event.Id, None));
            Assert.NotNull(await stores.Runs.GetRunAsync(byHook[hook].Runs[0].Id, None));
            Assert.NotNull(await stores.Deliveries.GetDeliveryAsync("to-" + hook, None));
        }

        foreach (var hook in gone)
        {
            Assert.Null(await stores.Events.GetEventAsync(byHook[hook].Event.Id, None));
            Assert.Null(await stores.Runs.GetRunAsync(byHook[hook].Runs[0].Id, None));
            Assert.Null(await stores.Deliveries.GetDeliveryAsync("to-" + hook, None));
        }
    }
}
