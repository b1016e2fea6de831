using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Delivery;

namespace Webhooks.Modular.Core.Tests.Delivery;

/// <summary>The retry arithmetic on its own: jitter bounds, the end of each schedule, Retry-After only where it applies.</summary>
public sealed class RetrySchedulerTests
{
    private static readonly DeliveryAttemptResult Failed = new(false, 500, TimeSpan.Zero, null, "500", null);

    [Theory]
    [InlineData(0.0, 0.9)]
    [InlineData(0.5, 1.0)]
    [InlineData(1.0, 1.1)]
    public void Exponential_delays_vary_by_the_jitter_share_either_way(double random, double factor)
    {
        var scheduler = new RetryScheduler(new DeliveryOptions { Jitter = 0.1 }, () => random);

        var delays = Enumerable.Range(0, 7).Select(r => scheduler.NextDelay(RetryPolicy.Exponential, r, Failed)!.Value.TotalSeconds).ToArray();

        Assert.Equal(new[] { 5, 300, 1800, 7200, 18000, 36000, 36000 }.Select(s => s * factor), delays, new Tolerance(0.001));
        Assert.Null(scheduler.NextDelay(RetryPolicy.Exponential, 7, Failed));
    }

    [Fact]
    public void Retry_after_applies_to_429_and_503_only_and_never_extends_a_policy_that_is_out_of_retries()
    {
        var scheduler = new RetryScheduler(new DeliveryOptions { Jitter = 0 });
        var asked = TimeSpan.FromSeconds(90);

        Assert.Equal(asked, scheduler.NextDelay(RetryPolicy.Fixed(3, 10), 0, Failed with { StatusCode = 429, RetryAfter = asked }));
        Assert.Equal(TimeSpan.FromSeconds(10), scheduler.NextDelay(RetryPolicy.Fixed(3, 10), 0, Failed with { StatusCode = 500, RetryAfter = asked }));
        Assert.Null(scheduler.NextDelay(RetryPolicy.Fixed(3, 10), 3, Failed with { StatusCode = 503, RetryAfter = asked }));
        Assert.Null(scheduler.NextDelay(RetryPolicy.None, 0, Failed with { StatusCode = 429, RetryAfter = asked }));
    }

    [Fact]
    public void Success_clears_failing_since_and_failure_keeps_the_first_failure_time()
    {
        var scheduler = new RetryScheduler(new DeliveryOptions { DisableAfterHours = 24 });
        var start = DateTimeOffset.UnixEpoch.AddYears(56);
        var destination = new DestinationRecord(
            "d", "t", "https://example.com/", "POST", ["x"], null, null, true, null, "http", "standard", "none", [], new Dictionary<string, string>(),
            null, null, RetryPolicy.Exponential, start, start, start.AddHours(-1));
        var delivery = new DeliveryRecord("1", "d", Guid.Empty, "x", "application/json", [], DeliveryStatus.Pending, 1, 1, start, 1, "w", start, start, null, null, null);

        var failure = scheduler.Decide(destination, delivery, Failed, start);
        var success = scheduler.Decide(destination, delivery, Failed with { Succeeded = true, StatusCode = 200 }, start);
        var tooLong = scheduler.Decide(destination, delivery, Failed, start.AddHours(23));

        Assert.Equal(start.AddHours(-1), failure.DestinationFailingSince);
        Assert.Null(failure.DisableDestination);
        Assert.Equal(DeliveryStatus.Success, success.Status);
        Assert.Null(success.DestinationFailingSince);
        Assert.NotNull(tooLong.DisableDestination);
    }

    private sealed class Tolerance(double epsilon) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= epsilon * Math.Max(1, Math.Abs(x));

        public int GetHashCode(double obj) => 0;
    }
}
