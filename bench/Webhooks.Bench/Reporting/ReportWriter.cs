using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Webhooks.Modular.Bench.Load;
using Webhooks.Modular.Bench.Options;
using Webhooks.Modular.Bench.Storage;

namespace Webhooks.Modular.Bench.Reporting;

/// <summary>Prints the machine, the parameters, each scenario as it ends, and a summary table (Markdown) with ratios.</summary>
internal sealed class ReportWriter(TextWriter output)
{
    /// <summary>Prints what the figures depend on besides the code.</summary>
    /// <param name="options">The run's parameters.</param>
    /// <param name="dataDirectory">Where the databases are.</param>
    public void WriteHeader(BenchOptions options, string dataDirectory)
    {
        output.WriteLine("# Webhooks.Modular load benchmark");
        output.WriteLine();
        output.WriteLine($"machine:    {Environment.ProcessorCount} logical CPUs{CpuModel()}, {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        output.WriteLine($"runtime:    {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {Build()} build");
        output.WriteLine($"parameters: concurrency {options.Concurrency}, warm-up {Seconds(options.Warmup)} s, measured {Seconds(options.Measured)} s, max {options.MaxRequests} requests per scenario");
        output.WriteLine($"scenarios:  {string.Join(", ", options.Scenarios)}");
        output.WriteLine($"data:       {dataDirectory}");
        output.WriteLine($"postgres:   {PostgresServer(options.Postgres)}");
        output.WriteLine("target:     127.0.0.1 (loopback); load generator and server share the same CPUs");
    }

    /// <summary>Prints a scenario that was skipped or could not finish, and why.</summary>
    /// <param name="name">The scenario.</param>
    /// <param name="reason">Why.</param>
    public void WriteNotRun(string name, string reason)
    {
        output.WriteLine($"## {name}");
        output.WriteLine($"  {reason}");
        output.WriteLine();
    }

    /// <summary>Prints what a lone SQLite commit costs on this disk at each sync level.</summary>
    /// <param name="full">Milliseconds per commit with synchronous=FULL.</param>
    /// <param name="normal">Milliseconds per commit with synchronous=NORMAL.</param>
    public void WriteCommitProbe(double full, double normal)
    {
        output.WriteLine($"disk:       one small SQLite commit (WAL) alone: {Ms(full)} ms with synchronous=FULL, {Ms(normal)} ms with NORMAL");
        output.WriteLine();
    }

    /// <summary>Prints one scenario as soon as it ends.</summary>
    /// <param name="result">The scenario.</param>
    public void WriteScenario(ScenarioResult result)
    {
        var load = result.Load;
        output.WriteLine($"## {result.Name}");
        output.WriteLine($"  requests {load.Requests}, errors {load.Errors}, {Number(load.RequestsPerSecond, 0)} req/s");
        if (load.CpuShares.Count > 1)
        {
            output.WriteLine($"  CPU of {string.Join(" + ", load.CpuShares.Select(c => c.Name))}: {Number(load.CpuMicrosecondsPerRequest, 0)} µs per request " +
                $"({string.Join(" + ", load.CpuShares.Select(c => $"{c.Name} {Number(c.Time.TotalMicroseconds / load.Requests, 0)}"))}), " +
                $"{Number(load.CpuUtilisation * 100, 0)}% of {Environment.ProcessorCount} cores");
        }
        else
        {
            output.WriteLine($"  process CPU: {Number(load.CpuMicrosecondsPerRequest, 0)} µs per request, {Number(load.CpuUtilisation * 100, 0)}% of {Environment.ProcessorCount} cores");
        }

        if (double.IsFinite(load.MachineBusy))
        {
            output.WriteLine($"  machine: {Number(load.MachineBusy * 100, 0)}% of {Environment.ProcessorCount} cores busy with any process (other tenants included), " +
                $"{Number(load.MachineSteal * 100, 0)}% stolen by the hypervisor");
        }

        output.WriteLine($"  latency ms: p50 {Ms(load.Latency.P50)}  p90 {Ms(load.Latency.P90)}  p99 {Ms(load.Latency.P99)}  max {Ms(load.Latency.Max)}");
        output.WriteLine($"  answers (warm-up included): {string.Join(", ", load.StatusCounts.OrderBy(p => p.Key).Select(p => $"{(p.Key == 0 ? "no answer" : p.Key)} x{p.Value}"))}");
        foreach (var (error, count) in load.ErrorSamples.OrderByDescending(p => p.Value))
        {
            output.WriteLine($"  ERROR x{count}: {error}");
        }

        foreach (var note in result.Notes)
        {
            output.WriteLine($"  {note}");
        }

        output.WriteLine();
    }

    /// <summary>Prints every scenario in one table, then each one's ratio to the bare baseline.</summary>
    /// <param name="results">The scenarios, in the order they ran.</param>
    public void WriteSummary(IReadOnlyList<ScenarioResult> results)
    {
        output.WriteLine("## summary");
        output.WriteLine();
        output.WriteLine("| scenario | requests | errors | req/s | p50 ms | p90 ms | p99 ms | max ms | CPU µs/req | CPU busy | machine busy |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            var load = result.Load;
            var latency = load.Latency;
            output.WriteLine($"| {result.Name} | {load.Requests} | {load.Errors} | {Number(load.RequestsPerSecond, 0)} | {Ms(latency.P50)} | {Ms(latency.P90)} | {Ms(latency.P99)} | {Ms(latency.Max)} | " +
                $"{Number(load.CpuMicrosecondsPerRequest, 0)} | {Number(load.CpuUtilisation * 100, 0)}% | {Number(load.MachineBusy * 100, 0)}% |");
        }

        if (results.Any(r => r.Load.CpuShares.Count > 1))
        {
            output.WriteLine();
            output.WriteLine("CPU: the benchmark's process (load generator, receiver, in-process host); for pg-* also the host processes and their PostgreSQL backends. " +
                "Machine busy: every process on the machine.");
        }

        WriteDeliveries(results);
        var bare = results.FirstOrDefault(r => r.Name == Scenario.Bare);
        if (bare is not null)
        {
            output.WriteLine();
            foreach (var result in results.Where(r => r != bare))
            {
                output.WriteLine($"{result.Name} / bare: req/s x{Ratio(result.Load.RequestsPerSecond, bare.Load.RequestsPerSecond)}, " +
                    $"p50 x{Ratio(result.Load.Latency.P50, bare.Load.Latency.P50)}, p99 x{Ratio(result.Load.Latency.P99, bare.Load.Latency.P99)}");
            }
        }

        // What a subscription costs the accepting side: the same host and file, plus one delivery row per webhook.
        var accept = results.FirstOrDefault(r => r.Name == Scenario.Accept);
        var sqliteDelivered = results.Where(r => r.Delivery is not null && !IsPostgres(r)).ToList();
        if (accept is not null && sqliteDelivered.Count > 0)
        {
            output.WriteLine();
            foreach (var result in sqliteDelivered)
            {
                output.WriteLine($"{result.Name} / accept: req/s x{Ratio(result.Load.RequestsPerSecond, accept.Load.RequestsPerSecond)}, " +
                    $"p50 x{Ratio(result.Load.Latency.P50, accept.Load.Latency.P50)}, p99 x{Ratio(result.Load.Latency.P99, accept.Load.Latency.P99)}");
            }
        }

        WritePostgresRatios(results);
        output.WriteLine();
    }

    // The same work (accept with one subscription, 4 per destination) on PostgreSQL in host processes against SQLite
    // in-process, and two hosts against one.
    private void WritePostgresRatios(IReadOnlyList<ScenarioResult> results)
    {
        var deliver = results.FirstOrDefault(r => r.Name == Scenario.Deliver);
        var one = results.FirstOrDefault(r => r.Name == Scenario.Postgres1);
        var two = results.FirstOrDefault(r => r.Name == Scenario.Postgres2);
        var pairs = new List<(ScenarioResult Result, ScenarioResult Baseline)>();
        if (deliver is not null)
        {
            pairs.AddRange(results.Where(IsPostgres).Select(r => (r, deliver)));
        }

        if (one is not null && two is not null)
        {
            pairs.Add((two, one));
        }

        if (pairs.Count == 0)
        {
            return;
        }

        output.WriteLine();
        foreach (var (result, baseline) in pairs)
        {
            output.WriteLine($"{result.Name} / {baseline.Name}: req/s x{Ratio(result.Load.RequestsPerSecond, baseline.Load.RequestsPerSecond)}, " +
                $"p50 x{Ratio(result.Load.Latency.P50, baseline.Load.Latency.P50)}, p99 x{Ratio(result.Load.Latency.P99, baseline.Load.Latency.P99)}, " +
                $"deliveries/s during the load x{Ratio(result.Delivery!.DuringLoadPerSecond, baseline.Delivery!.DuringLoadPerSecond)}, " +
                $"after x{Ratio(result.Delivery.DrainPerSecond, baseline.Delivery.DrainPerSecond)}");
        }
    }

    private static bool IsPostgres(ScenarioResult result) => result.Name is Scenario.Postgres1 or Scenario.Postgres2;

    private static string PostgresServer(string? connectionString)
    {
        if (connectionString is null)
        {
            return "none given (pg-* scenarios skipped)";
        }

        // Host, port and database only: the connection string may hold a password.
        try
        {
            return PostgresSchema.ServerOf(connectionString);
        }
        catch (ArgumentException e)
        {
            return $"unreadable connection string ({e.Message})";
        }
    }

    private void WriteDeliveries(IReadOnlyList<ScenarioResult> results)
    {
        var delivered = results.Where(r => r.Delivery is not null).ToList();
        if (delivered.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine("| scenario | per destination | accepted | received during load | deliveries/s during load | drain s | deliveries/s after load | deliveries/s overall | lost | duplicates |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in delivered)
        {
            var d = result.Delivery!;
            output.WriteLine($"| {result.Name} | {d.PerDestinationConcurrency}{(d.Hosts > 1 ? $" x {d.Hosts} hosts" : "")} | {d.Accepted} | {d.ReceivedDuringLoad} | {Number(d.DuringLoadPerSecond, 0)} | " +
                $"{(d.Drain is { } drain ? Number(drain.TotalSeconds, 1) : "not drained")} | {Number(d.DrainPerSecond, 0)} | {Number(d.OverallPerSecond, 0)} | {d.Lost} | {d.Duplicates} |");
        }
    }

    private static string Ratio(double value, double baseline) => Number(value / baseline, 2);

    private static string Ms(double milliseconds) => Number(milliseconds, milliseconds < 10 ? 2 : 1);

    private static string Seconds(TimeSpan time) => Number(time.TotalSeconds, time.TotalSeconds % 1 == 0 ? 0 : 1);

    private static string Number(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals, CultureInfo.InvariantCulture) : "n/a";

    private static string Build() =>
#if DEBUG
        "Debug (figures not meaningful: use -c Release)";
#else
        "Release";
#endif

    private static string CpuModel()
    {
        // Linux only; elsewhere the count alone is printed.
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
        {
            return "";
        }

        var model = File.ReadLines(cpuInfo).FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal));
        return model is null ? "" : $" ({model[(model.IndexOf(':') + 1)..].Trim()})";
    }
}
