namespace Webhooks.Modular.Core.Delivery;

/// <summary>The delivery worker's settings: the <c>delivery</c> section of <c>plugins.json</c>.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Whether this host sends deliveries (a host can accept only, and leave sending to others).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Attempts started at once over all destinations. An attempt counts here only for its first
    /// <see cref="SlowAttemptMilliseconds"/>; after that it waits on its destination's slot alone.
    /// </summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>Attempts in flight at once to any one destination: all a destination that does not answer can hold.</summary>
    public int PerDestinationConcurrency { get; set; } = 4;

    /// <summary>How long an attempt counts against <see cref="Concurrency"/> before it is treated as a wait for a slow destination.</summary>
    public int SlowAttemptMilliseconds { get; set; } = 1000;

    /// <summary>Attempts in flight at once, slow ones included: a bound on open requests, not on work.</summary>
    public int MaxInFlight { get; set; } = 1024;

    /// <summary>How long a claimed delivery is leased; renewed while its attempt runs.</summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>How often the worker looks for due deliveries when nothing wakes it.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    /// <summary>Consecutive failures of one destination that open its circuit.</summary>
    public int CircuitBreakerFailures { get; set; } = 5;

    /// <summary>How long an open circuit holds that destination's deliveries back before one is tried again.</summary>
    public double CircuitBreakerSeconds { get; set; } = 30;

    /// <summary>A destination that has failed without a single success for this long is disabled (5 days).</summary>
    public double DisableAfterHours { get; set; } = 120;

    /// <summary>The longest <c>Retry-After</c> honoured; longer requests are cut to this.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 3600;

    /// <summary>Exponential delays vary by up to this share either way, so that retries of many deliveries spread out.</summary>
    public double Jitter { get; set; } = 0.1;

    /// <summary>How often destinations are re-read, to see changes made by other processes (another host, the command line).</summary>
    public double RefreshSeconds { get; set; } = 5;

    /// <summary>The Data Protection key ring that encrypts secrets at rest, relative to the configuration file; kept outside the database.</summary>
    public string KeysDirectory { get; set; } = "data/keys";

    internal TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    internal TimeSpan SlowAttempt => TimeSpan.FromMilliseconds(SlowAttemptMilliseconds);

    internal TimeSpan Poll => TimeSpan.FromMilliseconds(PollMilliseconds);
}
