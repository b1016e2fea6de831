using System.Globalization;

namespace Webhooks.Modular.Bench.Load;

/// <summary>
/// The whole machine's CPU counters from <c>/proc/stat</c> (Linux), in clock ticks over all cores: how busy the
/// cores were with any process, the benchmark's or another tenant's, and how much time the hypervisor gave away.
/// </summary>
/// <param name="Busy">Ticks spent running anything (user, nice, system, interrupts).</param>
/// <param name="Steal">Ticks the virtual machine wanted to run but the hypervisor ran someone else.</param>
/// <param name="Total">All ticks, idle and I/O wait included.</param>
internal sealed record MachineCpu(long Busy, long Steal, long Total)
{
    private const string Stat = "/proc/stat";

    /// <summary>Reads the counters now, or <c>null</c> where there is no <c>/proc/stat</c>.</summary>
    public static MachineCpu? Read()
    {
        if (!File.Exists(Stat))
        {
            return null;
        }

        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; guest time is already in user.
        var line = File.ReadLines(Stat).FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        if (fields is not { Length: >= 8 })
        {
            return null;
        }

        var (user, nice, system, idle, ioWait, irq, softIrq, steal) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7]);
        return new MachineCpu(user + nice + system + irq + softIrq, steal, user + nice + system + idle + ioWait + irq + softIrq + steal);
    }

    /// <summary>The share of all cores' time spent busy since an earlier reading (0 to 1).</summary>
    /// <param name="earlier">The earlier reading.</param>
    public double BusySince(MachineCpu earlier) => Share(Busy - earlier.Busy, Total - earlier.Total);

    /// <summary>The share of all cores' time stolen by the hypervisor since an earlier reading (0 to 1).</summary>
    /// <param name="earlier">The earlier reading.</param>
    public double StealSince(MachineCpu earlier) => Share(Steal - earlier.Steal, Total - earlier.Total);

    private static double Share(long part, long total) => total > 0 ? part / (double)total : double.NaN;
}
