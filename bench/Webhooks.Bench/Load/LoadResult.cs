namespace Webhooks.Modular.Bench.Load;

/// <summary>What one load run measured.</summary>
/// <param name="Requests">Requests started in the measured window (and completed).</param>
/// <param name="Errors">Of those, how many got a non-2xx answer or failed outright.</param>
/// <param name="Window">The measured window's length.</param>
/// <param name="Latency">Latency of the measured requests, errors included.</param>
/// <param name="StatusCounts">Every answer of the run by status code, warm-up included (0 = no answer).</param>
/// <param name="ErrorSamples">The distinct errors seen (status and body, or exception), with how often each came.</param>
/// <param name="CpuTime">CPU time the whole process (server and load generator) used during the measured window.</param>
internal sealed record LoadResult(
    long Requests,
    long Errors,
    TimeSpan Window,
    LatencySummary Latency,
    IReadOnlyDictionary<int, long> StatusCounts,
    IReadOnlyDictionary<string, long> ErrorSamples,
    TimeSpan CpuTime)
{
    /// <summary>Measured requests per second.</summary>
    public double RequestsPerSecond => Requests / Window.TotalSeconds;

    /// <summary>Process CPU time per measured request, in microseconds.</summary>
    public double CpuMicrosecondsPerRequest => CpuTime.TotalMicroseconds / Requests;

    /// <summary>How busy the machine's CPUs were with this process during the window (1 = every core all the time).</summary>
    public double CpuUtilisation => CpuTime / Window / Environment.ProcessorCount;

    /// <summary>How many answers, warm-up included, had exactly this status code.</summary>
    /// <param name="status">The status code.</param>
    public long CountOf(int status) => StatusCounts.GetValueOrDefault(status);
}
