using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Delivery;

/// <summary>410 Gone, auto-disable after failing too long, re-enabling, and the circuit breaker.</summary>
public sealed class DestinationHealthTests
{
    [Fact]
    public async Task A_410_dead_letters_the_delivery_and_disables_the_destination_so_new_events_create_no_deliveries()
    {
        await using var host = await DeliveryHost.StartAsync();
        host.Receiver.Reply = (_, _) => new Reply(410);
        var destination = (await host.SubscribeAsync(RetryPolicy.Exponential)).Destination;
        var id = await host.PublishAsync();

        var delivery = await host.WaitForAttemptsAsync(id, 1);

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        var disabled = await host.Destinations.GetAsync(destination.Id, CancellationToken.None);
        Assert.False(disabled!.IsActive);
        Assert.Contains("410", disabled.DisabledReason);
        await DeliveryHost.SettleAsync(); // The worker reloads the destinations just after recording the attempt.
        var later = await host.Publisher.PublishAsync("order.paid", new { orderId = 43 }, CancellationToken.None);
        Assert.Empty(later.DeliveryIds!);
    }

    [Fact]
    public async Task A_destination_failing_longer_than_the_limit_is_disabled_and_re_enabling_it_resumes_its_pending_deliveries()
    {
        await using var host = await DeliveryHost.StartAsync(o => o.DisableAfterHours = 1);
        host.Receiver.Reply = (_, _) => new Reply(500);
        var destination = (await host.SubscribeAsync(RetryPolicy.Exponential)).Destination;
        var id = await host.PublishAsync();

        // Attempts at 0 s, 5 s, 5 min 5 s and 35 min 5 s fail; still under an hour of failing, still active.
        await host.WaitForAttemptsAsync(id, 1);
        foreach (var (delay, attempts) in new[] { (5, 2), (300, 3), (1800, 4) })
        {
            host.Clock.Advance(TimeSpan.FromSeconds(delay));
            await host.WaitForAttemptsAsync(id, attempts);
        }

        Assert.True((await host.Destinations.GetAsync(destination.Id, CancellationToken.None))!.IsActive);

        // The fifth attempt, 2 h later, fails after more than an hour of failure: the destination is disabled.
        host.Clock.Advance(TimeSpan.FromHours(2));
        var pending = await host.WaitForAttemptsAsync(id, 5);
        var disabled = (await host.Destinations.GetAsync(destination.Id, CancellationToken.None))!;
        Assert.False(disabled.IsActive);
        Assert.Contains("failing", disabled.DisabledReason);
        Assert.Equal(DeliveryStatus.Pending, pending.Status);

        // While disabled its due deliveries wait, and new events are not queued for it.
        host.Clock.Advance(TimeSpan.FromHours(6));
        await DeliveryHost.SettleAsync();
        Assert.Equal(5, host.Receiver.Requests.Count);
        Assert.Empty((await host.Publisher.PublishAsync("order.paid", new { orderId = 7 }, CancellationToken.None)).DeliveryIds!);

        // The receiver is fixed and the destination enabled again: the waiting delivery goes out at once.
        host.Receiver.Reply = (_, _) => new Reply(200);
        var enabled = await host.Destinations.UpdateAsync(destination.Id, null, null, null, true, CancellationToken.None);
        Assert.True(enabled!.IsActive);
        Assert.Null(enabled.DisabledReason);
        var delivered = await host.WaitForAttemptsAsync(id, 6);
        Assert.Equal(DeliveryStatus.Success, delivered.Status);
        Assert.Null((await host.Destinations.GetAsync(destination.Id, CancellationToken.None))!.FailingSince);
    }

    [Fact]
    public async Task After_consecutive_failures_the_circuit_opens_and_lets_one_trial_through_per_period()
    {
        await using var host = await DeliveryHost.StartAsync(o =>
        {
            o.CircuitBreakerFailures = 3;
            o.CircuitBreakerSeconds = 30;
            o.Concurrency = 1;
        });
        host.Receiver.Reply = (_, _) => new Reply(500);
        await host.SubscribeAsync(RetryPolicy.None);
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await host.PublishAsync());
        }

        await host.Receiver.WaitForAsync(3);
        await DeliveryHost.SettleAsync();
        Assert.Equal(3, host.Receiver.Requests.Count);

        // Half open after 30 s: one trial, which fails, and the circuit opens again.
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        await host.Receiver.WaitForAsync(4);
        await DeliveryHost.SettleAsync();
        Assert.Equal(4, host.Receiver.Requests.Count);

        // The receiver recovers: the next trial succeeds, the circuit closes, and the rest go out.
        host.Receiver.Reply = (_, _) => new Reply(200);
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        await host.Receiver.WaitForAsync(10);
        var statuses = new List<DeliveryStatus>();
        foreach (var id in ids)
        {
            statuses.Add((await host.WaitForAttemptsAsync(id, 1)).Status); // the receiver answers before the attempt is recorded
        }

        Assert.Equal(4, statuses.Count(s => s == DeliveryStatus.Failed));
        Assert.Equal(6, statuses.Count(s => s == DeliveryStatus.Success));
    }

    [Fact]
    public async Task A_slow_destination_does_not_hold_up_the_others()
    {
        await using var host = await DeliveryHost.StartAsync(o =>
        {
            o.Concurrency = 4;
            o.PerDestinationConcurrency = 2;
        });
        var slowUrl = new Uri(host.Receiver.Url, "/slow").ToString();
        var release = new TaskCompletionSource();
        host.Receiver.Reply = (r, _) => r.Path == "/slow" ? new Reply(200, Until: release.Task) : new Reply(200);
        await host.Destinations.CreateAsync(new DestinationSpec("test", slowUrl, ["order.slow"]), CancellationToken.None);
        await host.Destinations.CreateAsync(new DestinationSpec("test", host.Receiver.Url.ToString(), ["order.fast"]), CancellationToken.None);
        var slow = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            slow.Add(await host.PublishAsync("order.slow"));
        }

        var fast = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            fast.Add(await host.PublishAsync("order.fast"));
        }

        // Every fast delivery arrives while the slow destination has not answered a single one, and it never
        // has more than its two in flight.
        foreach (var id in fast)
        {
            Assert.Equal(DeliveryStatus.Success, (await host.WaitForAttemptsAsync(id, 1)).Status);
        }

        await DeliveryHost.SettleAsync();
        Assert.Equal(2, host.Receiver.Requests.Count(r => r.Path == "/slow"));
        foreach (var id in slow)
        {
            Assert.Equal(0, (await host.Store.GetDeliveryAsync(id, CancellationToken.None))!.Attempts);
        }

        release.SetResult();
        foreach (var id in slow)
        {
            Assert.Equal(DeliveryStatus.Success, (await host.WaitForAttemptsAsync(id, 1)).Status);
        }
    }
}
