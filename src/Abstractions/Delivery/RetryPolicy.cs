namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>
/// When a failed delivery is tried again. <c>none</c>: never (Dograh's default). <c>fixed</c>: up to
/// <see cref="MaxRetries"/> more times, <see cref="DelaySeconds"/> apart (Dograh's <c>retry_config</c>).
/// <c>exponential</c>: after each delay of <see cref="ScheduleSeconds"/> in turn, with jitter (the default for subscriptions).
/// </summary>
/// <param name="Kind"><c>none</c>, <c>fixed</c> or <c>exponential</c>.</param>
/// <param name="MaxRetries">How many retries after the first attempt.</param>
/// <param name="DelaySeconds">The fixed delay.</param>
/// <param name="ScheduleSeconds">The exponential schedule's delays, one per retry.</param>
public sealed record RetryPolicy(string Kind, int MaxRetries = 0, int DelaySeconds = 0, IReadOnlyList<int>? ScheduleSeconds = null)
{
    /// <summary>No retries.</summary>
    public static RetryPolicy None { get; } = new("none");

    /// <summary>Immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h later.</summary>
    public static RetryPolicy Exponential { get; } = new("exponential", 7, 0, [5, 300, 1800, 7200, 18000, 36000, 36000]);

    /// <summary>Up to <paramref name="maxRetries"/> retries, <paramref name="delaySeconds"/> apart.</summary>
    /// <param name="maxRetries">How many retries.</param>
    /// <param name="delaySeconds">The delay between attempts.</param>
    public static RetryPolicy Fixed(int maxRetries, int delaySeconds) => new("fixed", maxRetries, delaySeconds);
}
