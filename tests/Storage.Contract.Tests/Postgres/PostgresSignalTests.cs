using System.Collections.Concurrent;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;
using Webhooks.Modular.Storage.Postgres.Signals;

namespace Webhooks.Modular.Storage.Contract.Tests.Postgres;

public sealed class PostgresSignalTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [PostgresFact]
    public async Task A_notification_committed_by_one_host_reaches_the_other_hosts_subscriber_and_a_rolled_back_one_does_not()
    {
        await using var schema = new PostgresTestSchema();
        var sender = await schema.StartHostAsync();
        var receiver = await schema.StartHostAsync();
        await ((PostgresStoreSignals)receiver.Signals!).Listening.WaitAsync(Patience);
        var heard = new BlockingCollection<string>();
        using var subscription = receiver.Signals!.Subscribe(heard.Add);

        // A duplicate rolls its transaction back, and the notification with it.
        var key = new IdempotencyKey("deploy", "once", schema.Clock.UtcNow.AddHours(1));
        Assert.True((await sender.Events.AcceptAsync(Samples.Webhook(schema.Clock.UtcNow, key: key), CancellationToken.None)).Accepted);
        Assert.True(heard.TryTake(out var first, Patience));
        Assert.Equal(StoreSignalKinds.Runs, first);
        Assert.False((await sender.Events.AcceptAsync(Samples.Webhook(schema.Clock.UtcNow, key: key), CancellationToken.None)).Accepted);
        Assert.True(await sender.Deliveries.CreateDestinationAsync(Samples.Destination("d", schema.Clock.UtcNow), CancellationToken.None));

        // Notifications of one channel arrive in commit order: the next one is the destination's, not the duplicate's.
        Assert.True(heard.TryTake(out var second, Patience));
        Assert.Equal(StoreSignalKinds.Destinations, second);
    }

    [PostgresFact]
    public async Task Hook_changes_committed_by_one_host_signal_hooks_to_the_other_and_changes_of_nothing_do_not()
    {
        await using var schema = new PostgresTestSchema();
        var sender = await schema.StartHostAsync();
        var receiver = await schema.StartHostAsync();
        await ((PostgresStoreSignals)receiver.Signals!).Listening.WaitAsync(Patience);
        var heard = new BlockingCollection<string>();
        using var subscription = receiver.Signals!.Subscribe(kind =>
        {
            if (kind == StoreSignalKinds.Hooks)
            {
                heard.Add(kind);
            }
        });

        // Created, rewritten, disabled, deleted: each one signal.
        Assert.Equal("t.a", (await sender.Hooks.UpsertHookAsync("t.a", "{}", CancellationToken.None)).Name);
        Assert.True(heard.TryTake(out _, Patience));
        await sender.Hooks.UpsertHookAsync("t.a", """{"changed":true}""", CancellationToken.None);
        Assert.True(heard.TryTake(out _, Patience));
        Assert.True(await sender.Hooks.SetHookEnabledAsync("t.a", false, CancellationToken.None));
        Assert.True(heard.TryTake(out _, Patience));
        Assert.True(await sender.Hooks.DeleteHookAsync("t.a", CancellationToken.None));
        Assert.True(heard.TryTake(out _, Patience));

        // No row changed: no signal, and the answers still say so.
        Assert.False(await sender.Hooks.SetHookEnabledAsync("t.a", true, CancellationToken.None));
        Assert.False(await sender.Hooks.DeleteHookAsync("t.a", CancellationToken.None));
        Assert.False(heard.TryTake(out _, TimeSpan.FromMilliseconds(500)));
    }

    [PostgresFact]
    public async Task Hosts_on_another_schema_hear_nothing()
    {
        await using var schema = new PostgresTestSchema();
        await using var elsewhere = new PostgresTestSchema();
        var sender = await schema.StartHostAsync();
        var sameSchema = await schema.StartHostAsync();
        var otherSchema = await elsewhere.StartHostAsync();
        await ((PostgresStoreSignals)sameSchema.Signals!).Listening.WaitAsync(Patience);
        await ((PostgresStoreSignals)otherSchema.Signals!).Listening.WaitAsync(Patience);
        var heardHere = new BlockingCollection<string>();
        var heardElsewhere = new BlockingCollection<string>();
        using var here = sameSchema.Signals!.Subscribe(heardHere.Add);
        using var there = otherSchema.Signals!.Subscribe(heardElsewhere.Add);

        await sender.Events.AcceptAsync(Samples.Webhook(schema.Clock.UtcNow), CancellationToken.None);

        Assert.True(heardHere.TryTake(out _, Patience));
        Assert.False(heardElsewhere.TryTake(out _, TimeSpan.FromMilliseconds(500)));
    }

    [PostgresFact]
    public async Task The_listener_reconnects_after_its_connection_is_killed_wakes_every_worker_and_hears_again()
    {
        await using var schema = new PostgresTestSchema();
        var sender = await schema.StartHostAsync();
        var receiver = await schema.StartHostAsync();
        await ((PostgresStoreSignals)receiver.Signals!).Listening.WaitAsync(Patience);
        var heard = new ConcurrentQueue<string>();
        using var subscription = receiver.Signals!.Subscribe(heard.Enqueue);

        // Both hosts' listening connections, found by their last statement; pooled store connections never LISTEN.
        var killed = await schema.ColumnAsync<bool>(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = @listen", ("listen", $"LISTEN \"webhooks_{schema.Name}\""));
        Assert.Equal([true, true], killed);

        // Signals sent while it was down are lost, so once back it wakes everything once.
        await WaitUntilAsync(() => heard.Distinct().Count() == 4);
        Assert.Equal(
            [StoreSignalKinds.Deliveries, StoreSignalKinds.Destinations, StoreSignalKinds.Hooks, StoreSignalKinds.Runs],
            heard.Distinct().Order(StringComparer.Ordinal));

        heard.Clear();
        await WaitUntilAsync(
            () => heard.Contains(StoreSignalKinds.Runs),
            () => sender.Events.AcceptAsync(Samples.Webhook(schema.Clock.UtcNow), CancellationToken.None));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<Task>? meanwhile = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            if (meanwhile is not null)
            {
                await meanwhile();
            }

            await Task.Delay(200);
        }
    }
}
