using System.Diagnostics;

namespace Webhooks.Modular.Bench.Load;

/// <summary>
/// Processes whose CPU time is counted together under one name (the benchmark itself, the host processes, the
/// PostgreSQL backends serving them), read at the start and at the end of the measured window.
/// </summary>
/// <param name="name">How the report names the part.</param>
/// <param name="processIds">The part's processes now; asked at each reading, since PostgreSQL backends come and go.</param>
internal sealed class CpuPart(string name, Func<CancellationToken, Task<IReadOnlyCollection<int>>> processIds)
{
    /// <summary>The benchmark's own process: the load generator, and the in-process servers of the SQLite scenarios.</summary>
    public static CpuPart ThisProcess { get; } = new("bench", _ => Task.FromResult<IReadOnlyCollection<int>>([Environment.ProcessId]));

    /// <summary>How the report names the part.</summary>
    public string Name => name;

    /// <summary>Reads the CPU time (user and system) each of the part's processes has used since it started.</summary>
    /// <param name="cancellationToken">Cancels asking for the processes.</param>
    public async Task<IReadOnlyDictionary<int, TimeSpan>> ReadAsync(CancellationToken cancellationToken)
    {
        var times = new Dictionary<int, TimeSpan>();
        foreach (var id in await processIds(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                using var process = Process.GetProcessById(id);
                times[id] = process.TotalProcessorTime;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone between being listed and being read: it used nothing more that can be counted.
            }
        }

        return times;
    }

    /// <summary>
    /// The CPU time used between two readings: every process of the later one, less what it had used at the earlier
    /// one (all of it when it started in between). A process that ended in between is not counted.
    /// </summary>
    /// <param name="before">The reading at the start.</param>
    /// <param name="after">The reading at the end.</param>
    public static TimeSpan Used(IReadOnlyDictionary<int, TimeSpan> before, IReadOnlyDictionary<int, TimeSpan> after) =>
        after.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Value - before.GetValueOrDefault(p.Key));
}
