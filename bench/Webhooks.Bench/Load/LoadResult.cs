namespace Webhooks.Modular.Bench.Load;

/// <summary>What one load run measured.</summary>
/// <param name="Requests">Requests started in the measured window (and completed).</param>
/// <param name="Errors">Of those, how many got a non-2xx answer or failed outright.</param>
/// <param name="Window">The measured window's length.</param>
/// <param name="Latency">Latency of the measured requests, errors included.</param>
/// <param name="StatusCounts">Every answer of the run by status code, warm-up included (0 = no answer).</param>
/// <param name="ErrorSamples">The distinct errors seen (status and body, or exception), with how often each came.</param>
/// <param name="CpuTime">
/// CPU time used during the measured window by the processes measured: the benchmark's own (server and load generator
/// in the in-process scenarios), plus the host processes and their PostgreSQL backends in the <c>pg-*</c> scenarios.
/// </param>
internal sealed record LoadResult(
    long Requests,
    long Errors,
    TimeSpan Window,
    LatencySummary Latency,
    IReadOnlyDictionary<int, long> StatusCounts,
    IReadOnlyDictionary<string, long> ErrorSamples,
    TimeSpan CpuTime)
{
    /// <summary><see cref="CpuTime"/> by part (bench, hosts, PostgreSQL); one part in the in-process scenarios.</summary>
    public IReadOnlyList<CpuShare> CpuShares { get; init; } = [];

    /// <summary>How busy the whole machine's cores were during the window, with any process (0 to 1); NaN when unknown.</summary>
    public double MachineBusy { get; init; } = double.NaN;

    /// <summary>The share of the cores' time the hypervisor gave to other machines during the window; NaN when unknown.</summary>
    public double MachineSteal { get; init; } = double.NaN;

    /// <summary>2xx answers (warm-up included) from each target the load was spread over, in order.</summary>
    public IReadOnlyList<long> SuccessesPerTarget { get; init; } = [];

    /// <summary>Measured requests per second.</summary>
    public double RequestsPerSecond => Requests / Window.TotalSeconds;

    /// <summary>Process CPU time per measured request, in microseconds.</summary>
    public double CpuMicrosecondsPerRequest => CpuTime.TotalMicroseconds / Requests;

    /// <summary>How busy the machine's CPUs were with the processes measured during the window (1 = every core all the time).</summary>
    public double CpuUtilisation => CpuTime / Window / Environment.ProcessorCount;

    /// <summary>How many answers, warm-up included, had exactly this status code.</summary>
    /// <param name="status">The status code.</param>
    public long CountOf(int status) => StatusCounts.GetValueOrDefault(status);
}
