using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>
/// Decides what an attempt leaves a delivery and its destination as: success; a retry at the time the destination's
/// policy (or its <c>Retry-After</c>, within bounds) says; the dead letter when retries run out; a disabled
/// destination on 410 Gone or after failing without a success for <see cref="DeliveryOptions.DisableAfterHours"/>.
/// </summary>
internal sealed class RetryScheduler(DeliveryOptions options, Func<double> random)
{
    public RetryScheduler(DeliveryOptions options)
        : this(options, Random.Shared.NextDouble)
    {
    }

    public DeliveryOutcome Decide(DestinationRecord destination, DeliveryRecord delivery, DeliveryAttemptResult result, DateTimeOffset now)
    {
        if (result.Succeeded)
        {
            return new DeliveryOutcome(DeliveryStatus.Success, null, false, null, null);
        }

        var failingSince = destination.FailingSince ?? now;
        if (result.StatusCode == 410)
        {
            return new DeliveryOutcome(DeliveryStatus.Failed, null, false, failingSince, "the destination answered 410 Gone");
        }

        string? disable = null;
        if (now - failingSince >= TimeSpan.FromHours(options.DisableAfterHours))
        {
            disable = $"failing without a success since {failingSince:u}";
        }

        var delay = NextDelay(destination.Retry, delivery.Retries, result);
        return delay is { } wait
            ? new DeliveryOutcome(DeliveryStatus.Pending, now + wait, true, failingSince, disable)
            : new DeliveryOutcome(DeliveryStatus.Failed, null, false, failingSince, disable);
    }

    /// <summary>The wait before the next retry, or <c>null</c> when the policy has none left.</summary>
    internal TimeSpan? NextDelay(RetryPolicy policy, int retriesSoFar, DeliveryAttemptResult result)
    {
        TimeSpan delay;
        switch (policy.Kind)
        {
            case "fixed" when retriesSoFar < policy.MaxRetries:
                delay = TimeSpan.FromSeconds(policy.DelaySeconds);
                break;
            case "exponential" when retriesSoFar < Math.Min(policy.MaxRetries, policy.ScheduleSeconds?.Count ?? 0):
                var baseDelay = policy.ScheduleSeconds![retriesSoFar];
                var spread = 1 + (options.Jitter * ((random() * 2) - 1));
                delay = TimeSpan.FromSeconds(baseDelay * spread);
                break;
            default:
                return null;
        }

        if (result.RetryAfter is { } asked && result.StatusCode is 429 or 503)
        {
            var cap = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
            delay = asked < TimeSpan.Zero ? TimeSpan.Zero : asked > cap ? cap : asked;
        }

        return delay;
    }
}
