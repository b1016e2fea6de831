using System.Runtime.InteropServices;
using Webhooks.Modular.Bench.Options;
using Webhooks.Modular.Bench.Reporting;
using Webhooks.Modular.Bench.Scenarios;
using Webhooks.Modular.Bench.Storage;
using Webhooks.Modular.Bench.Targets;

if (args.Length > 1 && args[0] == BareTarget.ServeCommand)
{
    // The baseline as a process of its own, for ingest-peers: serves until SIGTERM.
    await BareTarget.ServeAsync(args[1..]);
    return 0;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 2;
}

if (options.Help)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

var dataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), $"webhooks-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(dataDirectory);
var repositoryRoot = FindRepositoryRoot();
var sourceDeployment = Path.Combine(repositoryRoot, "plugins.json");
var pluginRoot = Path.Combine(AppContext.BaseDirectory, "plugins");

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// The apps under test are started, not run, so nothing else ends the benchmark on SIGTERM.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

var report = new ReportWriter(Console.Out);
report.WriteHeader(options, dataDirectory);
report.WriteCommitProbe(
    CommitProbe.MillisecondsPerCommit(dataDirectory, "FULL"),
    CommitProbe.MillisecondsPerCommit(dataDirectory, "NORMAL"));
var runner = new BenchRunner(options, dataDirectory, sourceDeployment, pluginRoot, HostProcessTarget.BuiltHostPath(repositoryRoot));
var results = new List<ScenarioResult>();
var aborted = new List<string>();
try
{
    foreach (var scenario in options.Scenarios)
    {
        if (runner.SkipReason(scenario) is { } reason)
        {
            report.WriteNotRun(scenario, reason);
            continue;
        }

        ScenarioResult result;
        try
        {
            if (scenario == Scenario.IngestPeers)
            {
                // Three processes under wrk, with a table of its own rather than a row of the in-process one.
                if (!await new IngestPeers(dataDirectory, HostProcessTarget.BuiltHostPath(repositoryRoot), repositoryRoot, Console.Out).RunAsync(cancellation.Token))
                {
                    aborted.Add(scenario);
                }

                continue;
            }

            result = await runner.RunAsync(scenario, cancellation.Token);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            // A scenario that cannot run (the PostgreSQL server unreachable, a host that does not start) fails
            // alone; the others still run and report.
            report.WriteNotRun(scenario, $"FAILED: {error.GetType().Name}: {error.Message}");
            aborted.Add(scenario);
            continue;
        }

        report.WriteScenario(result);
        results.Add(result);
    }
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine($"cancelled; data left in {dataDirectory}");
    return 130;
}

report.WriteSummary(results);

// Keep the databases only when asked for a folder: a temporary one is noise afterwards.
if (options.DataDirectory is null)
{
    Directory.Delete(dataDirectory, recursive: true);
}

var failed = results.Where(r => r.Failed).Select(r => r.Name).Concat(aborted).ToList();
if (failed.Count > 0)
{
    Console.WriteLine($"FAILED: errors, unverified storage, lost deliveries or a scenario that could not run in {string.Join(", ", failed)}");
    return 1;
}

return 0;

static string FindRepositoryRoot()
{
    // The deployment measured is the repository's own plugins.json, found above the build output.
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Webhooks.Modular.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Webhooks.Modular.sln not found above " + AppContext.BaseDirectory);
}
