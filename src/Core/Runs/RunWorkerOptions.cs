namespace Webhooks.Modular.Core.Runs;

/// <summary>The <c>runs</c> section of <c>plugins.json</c>.</summary>
public sealed class RunWorkerOptions
{
    /// <summary>Whether this host executes runs (a host may only accept).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many runs execute at once.</summary>
    public int Concurrency { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>How long a claimed run is leased; renewed every third of it while the run executes.</summary>
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>How often the queue is polled when nothing signals new work.</summary>
    public int PollMilliseconds { get; set; } = 1000;

    internal TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);
}
