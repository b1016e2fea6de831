using System.Diagnostics;

namespace Webhooks.Modular.Bench.Load;

/// <summary>Percentiles of a set of latencies, in milliseconds.</summary>
internal sealed record LatencySummary(double P50, double P90, double P99, double Max)
{
    /// <summary>Summarises latencies given in <see cref="Stopwatch"/> ticks.</summary>
    /// <param name="ticks">The latencies; sorted in place.</param>
    public static LatencySummary FromTicks(long[] ticks)
    {
        if (ticks.Length == 0)
        {
            return new LatencySummary(double.NaN, double.NaN, double.NaN, double.NaN);
        }

        Array.Sort(ticks);
        return new LatencySummary(At(ticks, 0.50), At(ticks, 0.90), At(ticks, 0.99), ToMilliseconds(ticks[^1]));
    }

    // Nearest rank: the smallest latency that at least this fraction of requests did not exceed.
    private static double At(long[] sorted, double fraction)
    {
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return ToMilliseconds(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)]);
    }

    private static double ToMilliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
