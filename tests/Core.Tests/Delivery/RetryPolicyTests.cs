using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Delivery;

/// <summary>Each retry policy against a receiver that keeps failing, driven by a fake clock.</summary>
public sealed class RetryPolicyTests
{
    private static readonly Reply Fail = new(500, Body: "boom");

    [Fact]
    public async Task Exponential_policy_retries_immediately_then_on_the_schedule_and_dead_letters_after_the_last()
    {
        await using var host = await DeliveryHost.StartAsync();
        host.Receiver.Reply = (_, _) => Fail;
        await host.SubscribeAsync(RetryPolicy.Exponential);
        var id = await host.PublishAsync();

        var delivery = await host.WaitForAttemptsAsync(id, 1);
        int[] schedule = [5, 300, 1800, 7200, 18000, 36000, 36000];
        for (var retry = 0; retry < schedule.Length; retry++)
        {
            Assert.Equal(DeliveryStatus.Pending, delivery.Status);
            Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromSeconds(schedule[retry]), delivery.NextAttemptAt, TimeSpan.FromMilliseconds(1));

            // Not a moment early: one second short of the delay, nothing is sent.
            host.Clock.Advance(TimeSpan.FromSeconds(schedule[retry] - 1));
            await DeliveryHost.SettleAsync();
            Assert.Equal(retry + 1, host.Receiver.Requests.Count);

            host.Clock.Advance(TimeSpan.FromSeconds(1));
            delivery = await host.WaitForAttemptsAsync(id, retry + 2);
        }

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal(8, delivery.Attempts);
        Assert.Equal(500, delivery.LastStatusCode);
        Assert.NotNull(delivery.CompletedAt);

        // Dead: no more attempts however long we wait.
        host.Clock.Advance(TimeSpan.FromDays(2));
        await DeliveryHost.SettleAsync();
        Assert.Equal(8, host.Receiver.Requests.Count);

        // The same delivery id on every attempt, and every attempt recorded with its status and response excerpt.
        Assert.Single(host.Receiver.Requests.Select(r => r.Header("webhook-id")).Distinct());
        Assert.Equal(id, host.Receiver.Requests[0].Header("webhook-id"));
        var attempts = await host.Store.ListAttemptsAsync(id, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 8), attempts.Select(a => a.Attempt));
        Assert.All(attempts, a => Assert.Equal(500, a.StatusCode));
        Assert.All(attempts, a => Assert.Equal("boom", a.ResponseExcerpt));
    }

    [Fact]
    public async Task Fixed_policy_makes_max_retries_more_attempts_delay_apart()
    {
        await using var host = await DeliveryHost.StartAsync();
        host.Receiver.Reply = (_, _) => Fail;
        await host.SubscribeAsync(RetryPolicy.Fixed(maxRetries: 2, delaySeconds: 10));
        var id = await host.PublishAsync();

        var delivery = await host.WaitForAttemptsAsync(id, 1);
        Assert.Equal(host.Clock.GetUtcNow().AddSeconds(10), delivery.NextAttemptAt, TimeSpan.FromMilliseconds(1));
        host.Clock.Advance(TimeSpan.FromSeconds(9));
        await DeliveryHost.SettleAsync();
        Assert.Single(host.Receiver.Requests);

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        delivery = await host.WaitForAttemptsAsync(id, 2);
        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        delivery = await host.WaitForAttemptsAsync(id, 3);

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        host.Clock.Advance(TimeSpan.FromHours(1));
        await DeliveryHost.SettleAsync();
        Assert.Equal(3, host.Receiver.Requests.Count);
    }

    [Fact]
    public async Task No_retry_policy_dead_letters_after_one_attempt_and_a_replay_sends_it_again_with_the_same_id()
    {
        await using var host = await DeliveryHost.StartAsync();
        host.Receiver.Reply = (_, n) => n == 0 ? Fail : new Reply(204);
        await host.SubscribeAsync(RetryPolicy.None);
        var id = await host.PublishAsync();

        var failed = await host.WaitForAttemptsAsync(id, 1);
        Assert.Equal(DeliveryStatus.Failed, failed.Status);
        host.Clock.Advance(TimeSpan.FromHours(1));
        await DeliveryHost.SettleAsync();
        Assert.Single(host.Receiver.Requests);

        Assert.True(await host.Destinations.ReplayAsync(id, CancellationToken.None));
        var replayed = await host.WaitForAttemptsAsync(id, 2);

        Assert.Equal(DeliveryStatus.Success, replayed.Status);
        Assert.Equal(204, replayed.LastStatusCode);
        Assert.Equal(2, host.Receiver.Requests.Count);
        Assert.All(host.Receiver.Requests, r => Assert.Equal(id, r.Header("webhook-id")));
        Assert.Equal(host.Receiver.Requests[0].Text, host.Receiver.Requests[1].Text);
        Assert.Equal("2", host.Receiver.Requests[1].Header("X-Webhook-Attempt"));

        // A delivery that is still pending cannot be replayed on top of itself.
        var pending = await host.PublishAsync();
        host.Receiver.Reply = (_, _) => new Reply(200, Delay: TimeSpan.FromSeconds(2));
        await host.Receiver.WaitForAsync(3);
        Assert.False(await host.Destinations.ReplayAsync(pending, CancellationToken.None));
    }

    [Theory]
    [InlineData(429, "120", 120)]
    [InlineData(503, "30", 30)]
    [InlineData(429, "999999", 3600)] // Asked for 11 days: cut to the one-hour bound.
    public async Task Retry_after_on_429_and_503_sets_the_next_attempt_within_bounds(int status, string retryAfter, int expectedSeconds)
    {
        await using var host = await DeliveryHost.StartAsync();
        host.Receiver.Reply = (_, _) => new Reply(status, new Dictionary<string, string> { ["Retry-After"] = retryAfter });
        await host.SubscribeAsync(RetryPolicy.Exponential);
        var id = await host.PublishAsync();

        var delivery = await host.WaitForAttemptsAsync(id, 1);

        Assert.Equal(DeliveryStatus.Pending, delivery.Status);
        Assert.Equal(host.Clock.GetUtcNow().AddSeconds(expectedSeconds), delivery.NextAttemptAt, TimeSpan.FromMilliseconds(1));
        host.Clock.Advance(TimeSpan.FromSeconds(expectedSeconds - 1));
        await DeliveryHost.SettleAsync();
        Assert.Single(host.Receiver.Requests);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForAttemptsAsync(id, 2);
    }

    [Fact]
    public async Task Redirects_are_not_followed_and_count_as_failures()
    {
        await using var host = await DeliveryHost.StartAsync();
        host.Receiver.Reply = (r, _) => r.Path == "/hook"
            ? new Reply(302, new Dictionary<string, string> { ["Location"] = "/elsewhere" })
            : new Reply(200);
        await host.SubscribeAsync(RetryPolicy.None);
        var id = await host.PublishAsync();

        var delivery = await host.WaitForAttemptsAsync(id, 1);

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal(302, delivery.LastStatusCode);
        await DeliveryHost.SettleAsync();
        Assert.DoesNotContain(host.Receiver.Requests, r => r.Path == "/elsewhere");
    }
}
