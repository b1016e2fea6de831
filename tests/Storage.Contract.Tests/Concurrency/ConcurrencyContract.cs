using System.Collections.Concurrent;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Concurrency;

/// <summary>
/// Two hosts on one database (two containers, each with its own plugin instance and connections): what the
/// database must enforce when they race, and the signals one host's commits send to the other.
/// </summary>
public sealed class ConcurrencyContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Long enough that no lease expires during a test: every claim below must take an item nobody holds.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Twenty_concurrent_requests_on_two_hosts_with_one_idempotency_key_accept_exactly_one(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var other = await stores.OpenAnotherHostAsync();
        var now = stores.Clock.UtcNow;
        var key = new IdempotencyKey("deploy", "retried-by-the-sender", now.AddHours(1));
        var requests = Enumerable.Range(0, 20).Select(_ => Samples.Webhook(now, runs: 2, key: key)).ToArray();
        using var start = new ManualResetEventSlim();

        var attempts = requests
            .Select((webhook, i) => Task.Run(async () =>
            {
                start.Wait(Patience);
                return await (i % 2 == 0 ? stores.Host : other).Events.AcceptAsync(webhook, None);
            }))
            .ToArray();
        start.Set();
        var results = await Task.WhenAll(attempts).WaitAsync(Patience);

        var winner = Assert.Single(results, r => r.Accepted);
        var winning = Assert.Single(requests, r => r.Event.Id == winner.EventId);
        Assert.Equal(winning.Runs.Select(r => r.Id), winner.RunIds);
        Assert.All(results.Where(r => !r.Accepted), duplicate =>
        {
            Assert.Equal("idempotency-key", duplicate.Conflict);
            Assert.Equal(winner.EventId, duplicate.EventId);
            Assert.Equal(winner.RunIds, duplicate.RunIds);
        });
        Assert.Equal([winning.Event.Id], (await other.Events.ListEventsAsync(null, 100, None)).Select(e => e.Id));
        var runs = await stores.Runs.ClaimAsync("w", 100, Lease, None);
        Assert.Equal(winner.RunIds.Order(StringComparer.Ordinal), runs.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Two_hosts_claiming_200_runs_in_small_batches_claim_each_exactly_once(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var other = await stores.OpenAnotherHostAsync();
        var seeded = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var webhook = Samples.Webhook(stores.Clock.UtcNow, runs: 10);
            Assert.True((await (i % 2 == 0 ? stores.Host : other).Events.AcceptAsync(webhook, None)).Accepted);
            seeded.AddRange(webhook.Runs.Select(r => r.Id));
        }

        var claims = new ConcurrentBag<(string Owner, RunRecord Run)>();
        await RaceAsync(
            seeded.Count,
            claims,
            async (owner, host) => (await host.Runs.ClaimAsync(owner, 3, Lease, None)).Select(r => (owner, r)).ToArray(),
            stores.Host,
            other);

        Assert.Equal(seeded.Order(StringComparer.Ordinal), claims.Select(c => c.Run.Id).Order(StringComparer.Ordinal));
        foreach (var (owner, run) in claims)
        {
            Assert.Equal(1, run.Attempt);
            var stored = await stores.Runs.GetRunAsync(run.Id, None);
            Assert.Equal((RunStatus.Running, owner, 1), (stored?.Status, stored?.LeaseOwner, stored?.Attempt));
        }

        Assert.Empty(await stores.Runs.ClaimAsync("late", 100, Lease, None));
        Assert.Empty(await other.Runs.ClaimAsync("late", 100, Lease, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Two_hosts_claiming_200_deliveries_in_small_batches_claim_each_exactly_once(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var other = await stores.OpenAnotherHostAsync();
        var now = stores.Clock.UtcNow;
        string[] destinations = ["d1", "d2", "d3", "d4"];
        foreach (var destination in destinations)
        {
            Assert.True(await stores.Deliveries.CreateDestinationAsync(Samples.MinimalDestination(destination, now), None));
        }

        var seeded = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var deliveries = Enumerable.Range(0, 10)
                .Select(j => Samples.Delivery(destinations[(i + j) % destinations.Length], now.AddMilliseconds(-(i * 10) - j)))
                .ToArray();
            Assert.True((await (i % 2 == 0 ? stores.Host : other).Events.AcceptAsync(Samples.WebhookWith(now, deliveries), None)).Accepted);
            seeded.AddRange(deliveries.Select(d => d.Id));
        }

        var claims = new ConcurrentBag<(string Owner, DeliveryRecord Delivery)>();
        await RaceAsync(
            seeded.Count,
            claims,
            async (owner, host) => (await host.Deliveries.ClaimDueAsync(owner, 3, 2, [], now, Lease, None)).Select(d => (owner, d)).ToArray(),
            stores.Host,
            other);

        Assert.Equal(seeded.Order(StringComparer.Ordinal), claims.Select(c => c.Delivery.Id).Order(StringComparer.Ordinal));
        foreach (var (owner, delivery) in claims)
        {
            var stored = await stores.Deliveries.GetDeliveryAsync(delivery.Id, None);
            Assert.Equal((owner, delivery.LeaseToken), (stored?.LeaseOwner, stored?.LeaseToken));
        }

        Assert.Empty(await stores.Deliveries.ClaimDueAsync("late", 100, 100, [], now, Lease, None));
        Assert.Empty(await other.Deliveries.ClaimDueAsync("late", 100, 100, [], now, Lease, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Two_hosts_creating_one_user_name_create_it_once(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var other = await stores.OpenAnotherHostAsync();
        string[] spellings = ["alice", "Alice", "ALICE", "aLiCe"];
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 12)
            .Select(i => Task.Run(async () =>
            {
                start.Wait(Patience);
                var host = i % 2 == 0 ? stores.Host : other;
                return await host.Users.CreateUserAsync(Samples.User("u" + i, spellings[i % spellings.Length], stores.Clock.UtcNow), None);
            }))
            .ToArray();
        start.Set();
        var created = await Task.WhenAll(attempts).WaitAsync(Patience);

        var winner = Assert.Single(created.Select((ok, i) => (ok, i)), c => c.ok).i;
        Assert.Equal(1, await other.Users.CountUsersAsync(None));
        Assert.Equal("u" + winner, (await stores.Users.FindUserByNameAsync("ALICE", None))?.Id);
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Runs_enqueued_on_one_host_wake_a_subscriber_on_another(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var other = await stores.OpenAnotherHostAsync();
        if (!stores.SignalsOtherHosts)
        {
            // A store of one process has nobody to signal about queued runs: the host polls its queue instead (SQLite's
            // signal files carry only what a CLI process changes: hooks, destinations, replayed deliveries).
            Assert.False(stores.Signals is not null && other.Signals is null, "one host of the store has signals, the other none");
            return;
        }

        Assert.NotNull(stores.Signals);
        Assert.NotNull(other.Signals);
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = other.Signals.Subscribe(kind =>
        {
            if (kind == StoreSignalKinds.Runs)
            {
                woken.TrySetResult();
            }
        });

        await EnqueueUntilSignalledAsync(woken.Task, () => stores.Events.AcceptAsync(Samples.Webhook(stores.Clock.UtcNow), None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task New_deliveries_and_changed_destinations_signal_another_host(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var other = await stores.OpenAnotherHostAsync();
        if (!stores.SignalsOtherHosts)
        {
            // SQLite's signal files are covered by its own tests (the CLI's changes reach a running host).
            return;
        }

        Assert.NotNull(other.Signals);
        var destinationsChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deliveriesCreated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = other.Signals.Subscribe(kind =>
        {
            if (kind == StoreSignalKinds.Destinations)
            {
                destinationsChanged.TrySetResult();
            }
            else if (kind == StoreSignalKinds.Deliveries)
            {
                deliveriesCreated.TrySetResult();
            }
        });
        var now = stores.Clock.UtcNow;
        var version = 0;

        await EnqueueUntilSignalledAsync(
            destinationsChanged.Task,
            async () => Assert.True(version++ == 0
                ? await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None)
                : await stores.Deliveries.UpdateDestinationAsync(Samples.Destination("d", now) with { Description = "v" + version }, None)));
        await EnqueueUntilSignalledAsync(
            deliveriesCreated.Task,
            () => stores.Events.AcceptAsync(Samples.WebhookWith(now, Samples.Delivery("d", now)), None));
    }

    /// <summary>
    /// Two claimers, one per host, claim concurrently until <paramref name="total"/> items are claimed (or more:
    /// a duplicate shows in the caller's assertions). An empty claim is not taken as the end, since a claimer
    /// may find the rest locked by the other's transaction for a moment.
    /// </summary>
    private static async Task RaceAsync<T>(
        int total, ConcurrentBag<(string Owner, T Item)> claims, Func<string, StoreSet, Task<(string, T)[]>> claim, StoreSet first, StoreSet second)
    {
        var deadline = DateTime.UtcNow + Patience;
        using var start = new ManualResetEventSlim();
        var claimers = new[] { ("host-a", first), ("host-b", second) }
            .Select(c => Task.Run(async () =>
            {
                start.Wait(Patience);
                while (claims.Count < total && DateTime.UtcNow < deadline)
                {
                    var got = await claim(c.Item1, c.Item2);
                    foreach (var item in got)
                    {
                        claims.Add(item);
                    }

                    if (got.Length == 0)
                    {
                        await Task.Delay(5);
                    }
                }
            }))
            .ToArray();
        start.Set();
        await Task.WhenAll(claimers);
    }

    /// <summary>
    /// Commits work on one host until the other hears of it, at most 5 seconds. The work is repeated each second
    /// because a signal sent before the other host's listener is up may be lost (the contract allows it: polling
    /// is the fallback); what must hold is that the other host is woken within seconds.
    /// </summary>
    private static async Task EnqueueUntilSignalledAsync(Task signalled, Func<Task> commit)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (!signalled.IsCompleted && DateTime.UtcNow < deadline)
        {
            await commit();
            await Task.WhenAny(signalled, Task.Delay(TimeSpan.FromSeconds(1)));
        }

        Assert.True(signalled.IsCompleted, "the other host was not signalled within 5 seconds");
    }
}
