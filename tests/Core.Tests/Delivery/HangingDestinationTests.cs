using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Delivery;

/// <summary>
/// Destinations that accept the connection and never answer hold their own slots only: a healthy destination beside
/// them is delivered to about as fast as when it is alone. Real receivers on loopback; the baseline is measured in the
/// same run, on the same host, so the comparison holds on a slow or loaded machine.
/// </summary>
public sealed class HangingDestinationTests(ITestOutputHelper output)
{
    private const int Hanging = 8;
    private const int Burst = 40;

    [Fact]
    public async Task Destinations_that_never_answer_do_not_slow_a_healthy_one_beyond_twice_its_figure_alone()
    {
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hanging = new List<Receiver>();
        // The default slots (16 shared, 4 per destination); a timeout far longer than the measurement, so every
        // hanging attempt is still open while the healthy destination is measured.
        await using var host = await DeliveryHost.StartAsync(timeoutSeconds: 300);
        try
        {
            // The healthy destination answers after 50 ms, so that a burst queues on its 4 slots as real traffic does.
            host.Receiver.Reply = (_, _) => new Reply(200, Delay: TimeSpan.FromMilliseconds(50));
            await host.SubscribeAsync(RetryPolicy.None, "healthy.ping");
            for (var i = 0; i < Hanging; i++)
            {
                var receiver = await Receiver.StartAsync();
                receiver.Reply = (_, _) => new Reply(200, Until: never.Task);
                hanging.Add(receiver);
                await host.Destinations.CreateAsync(
                    new DestinationSpec("test", receiver.Url.ToString(), ["hang.ping"]) { Retry = RetryPolicy.None }, CancellationToken.None);
            }

            await MeasureAsync(host, "warm-up", 8);
            var alone = await MeasureAsync(host, "alone", Burst);

            // Twice as many deliveries per hanging destination as it has slots: each holds all 4 and has more due.
            for (var i = 0; i < 8; i++)
            {
                var published = await host.Publisher.PublishAsync("hang.ping", new { n = i }, CancellationToken.None);
                Assert.Equal(Hanging, published.DeliveryIds!.Count);
            }

            await WaitAsync(
                () => hanging.Sum(r => r.Requests.Count) >= Hanging * 4,
                () => $"every hanging destination to hold its 4 slots: {hanging.Sum(r => r.Requests.Count)} of {Hanging * 4} attempts started, the rest held back by the shared slots");
            // The worker knows a destination hangs once an attempt to it has waited SlowAttemptMilliseconds (its
            // attempts then stop counting against the shared slots): measure from then on, when every one of the
            // 8 is a destination that never answers, as the healthy one's neighbours are in production.
            var lastHang = hanging.SelectMany(r => r.Requests).Max(r => r.At);
            var known = TimeSpan.FromMilliseconds(new Core.Delivery.DeliveryOptions().SlowAttemptMilliseconds);
            await WaitAsync(() => DateTimeOffset.UtcNow - lastHang > known, () => "the last hanging attempt to wait past the slow-attempt time");
            var beside = await MeasureAsync(host, "beside 8 hanging", Burst);

            output.WriteLine($"healthy p50 alone {alone.TotalMilliseconds:F0} ms, beside {Hanging} hanging destinations {beside.TotalMilliseconds:F0} ms");
            Assert.True(
                beside <= alone * 2,
                $"healthy p50 beside {Hanging} hanging destinations is {beside.TotalMilliseconds:F0} ms, more than twice {alone.TotalMilliseconds:F0} ms alone");

            // The hanging destinations held their own slots and no more: 4 each, 32 in all, past the 16 shared ones.
            Assert.All(hanging, r => Assert.Equal(4, r.MaxInFlight));
            Assert.Equal(Hanging * 4, hanging.Sum(r => r.Requests.Count));
        }
        finally
        {
            never.TrySetResult();
            foreach (var receiver in hanging)
            {
                await receiver.DisposeAsync();
            }
        }
    }

    /// <summary>Publishes <paramref name="count"/> events for the healthy destination at once; the median time from publishing to arrival.</summary>
    private async Task<TimeSpan> MeasureAsync(DeliveryHost host, string phase, int count)
    {
        var before = host.Receiver.Requests.Count;
        var published = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var at = DateTimeOffset.UtcNow;
            published[await host.PublishAsync("healthy.ping")] = at;
        }

        // Generous: on today's main the healthy deliveries wait for the hanging ones' timeout, far longer than this.
        var received = (await host.Receiver.WaitForAsync(before + count, TimeSpan.FromSeconds(60))).Skip(before).ToArray();
        var latencies = received.Select(r => r.At - published[r.Header("webhook-id")!]).Order().ToArray();
        var median = latencies[latencies.Length / 2];
        var first = published.Values.Min();
        output.WriteLine(
            $"{phase}: {count} deliveries, p50 {median.TotalMilliseconds:F0} ms, max {latencies[^1].TotalMilliseconds:F0} ms; " +
            $"published over {(published.Values.Max() - first).TotalMilliseconds:F0} ms, all arrived after {(received.Max(r => r.At) - first).TotalMilliseconds:F0} ms");
        return median;
    }

    private static async Task WaitAsync(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what()}");
            }

            await Task.Delay(20);
        }
    }
}
