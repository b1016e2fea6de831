using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Webhooks.Modular.Bench.Load;
using Webhooks.Modular.Bench.Storage;
using Webhooks.Modular.Bench.Targets;

namespace Webhooks.Modular.Bench.Scenarios;

/// <summary>
/// The <c>ingest-peers</c> scenario: three servers, each a process of its own, driven by <c>wrk -t1 -c32 -d8s
/// --latency</c> with the same signed GitHub push: a bare Kestrel app (reads the body, answers 200), the
/// @octokit/webhooks Node middleware (verifies, parses, dispatches; stores nothing) and the built host (the
/// <c>github</c> HMAC preset hook, event and run committed with synchronous=FULL, run workers off). Two rounds, the
/// second in the reverse order; after each host round the host is stopped and its rows counted: every 2xx must be
/// stored.
/// </summary>
/// <param name="dataDirectory">Where the host's deployments go (one per round).</param>
/// <param name="hostPath">The built host's dll.</param>
/// <param name="repositoryRoot">For the Node peer's folder, <c>bench/peers/octokit</c>.</param>
/// <param name="output">Where the report goes.</param>
internal sealed class IngestPeers(string dataDirectory, string hostPath, string repositoryRoot, TextWriter output)
{
    private const int Connections = 32;
    private const int WarmupSeconds = 2;
    private const int MeasuredSeconds = 8;

    private const string Bare = "bare Kestrel (reads the body, answers 200)";
    private const string Octokit = "@octokit/webhooks 14.2.0 Node middleware (verifies, parses, dispatches; stores nothing)";
    private const string Host = "this host, github HMAC preset, event + run committed with synchronous=FULL, run workers off";

    /// <summary>Runs both rounds and prints the table.</summary>
    /// <param name="cancellationToken">Stops early; the servers are killed.</param>
    /// <returns>Whether every server answered only 2xx without socket errors and every host 2xx was stored.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(WrkRun.Executable))
        {
            throw new InvalidOperationException($"ingest-peers needs wrk at {WrkRun.Executable} (apt-get install wrk)");
        }

        await EnsureNodePeerAsync(cancellationToken);
        output.WriteLine("## ingest-peers");
        output.WriteLine($"  wrk -t1 -c{Connections} -d{MeasuredSeconds}s --latency (after {WarmupSeconds} s of warm-up, not counted), POST /hooks/github, " +
            $"{GitHubPush.Body.Length}-byte GitHub push body, X-Hub-Signature-256, a distinct X-GitHub-Delivery per request");
        var figures = new List<(int Round, string Server, WrkRun Run, long Rss, double CpuMicroseconds, string Load)>();
        var ok = true;
        string[][] orders = [[Bare, Octokit, Host], [Host, Octokit, Bare]];
        for (var round = 1; round <= orders.Length; round++)
        {
            foreach (var server in orders[round - 1])
            {
                var (run, rss, cpu, load, serverOk) = await MeasureAsync(server, round, cancellationToken);
                ok &= serverOk;
                figures.Add((round, server, run, rss, cpu, load));
                output.WriteLine($"  round {round}, {Short(server)}: {run.RequestsPerSecond:N0} req/s, p50 {Ms(run.P50Milliseconds)} ms, p99 {Ms(run.P99Milliseconds)} ms, " +
                    $"RSS {Mib(rss)} MiB, server CPU {cpu:N0} µs/req, non-2xx {run.Non2xx}, socket errors {run.SocketErrors}, load average before {load}");
            }
        }

        output.WriteLine();
        output.WriteLine("| server | req/s | p50 | p99 | RSS |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var server in new[] { Bare, Octokit, Host })
        {
            var rows = figures.Where(f => f.Server == server).OrderBy(f => f.Round).ToList();
            output.WriteLine($"| {server} | {string.Join(" / ", rows.Select(r => r.Run.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)))} " +
                $"| {string.Join(" / ", rows.Select(r => Ms(r.Run.P50Milliseconds)))} ms | {string.Join(" / ", rows.Select(r => Ms(r.Run.P99Milliseconds)))} ms " +
                $"| {string.Join(" / ", rows.Select(r => Mib(r.Rss)))} MiB |");
        }

        output.WriteLine();
        for (var round = 1; round <= orders.Length; round++)
        {
            var of = figures.Where(f => f.Round == round).ToDictionary(f => f.Server);
            output.WriteLine($"  round {round}: host / octokit req/s x{of[Host].Run.RequestsPerSecond / of[Octokit].Run.RequestsPerSecond:0.00}, " +
                $"host / bare x{of[Host].Run.RequestsPerSecond / of[Bare].Run.RequestsPerSecond:0.00}, " +
                $"host p99 / bare p99 x{of[Host].Run.P99Milliseconds / of[Bare].Run.P99Milliseconds:0.0}, host RSS / bare RSS x{(double)of[Host].Rss / of[Bare].Rss:0.00}; " +
                $"CPU µs/req bare {of[Bare].CpuMicroseconds:N0}, octokit {of[Octokit].CpuMicroseconds:N0}, host {of[Host].CpuMicroseconds:N0}");
        }

        output.WriteLine();
        return ok;
    }

    private async Task<(WrkRun Run, long Rss, double CpuMicroseconds, string Load, bool Ok)> MeasureAsync(string server, int round, CancellationToken cancellationToken)
    {
        var port = ServedProcess.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/hooks/github");
        DeploymentPaths? deployment = server == Host ? WriteHostDeployment(round) : null;
        await using var process = await ServedProcess.StartAsync(Short(server), StartInfo(server, port, deployment), port, cancellationToken);
        var warmup = await WrkRun.RunAsync(url, await ScriptAsync(cancellationToken), Connections, WarmupSeconds, cancellationToken);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var cpuBefore = process.CpuTime();
        // A script of its own per wrk run: its delivery ids restart from 1, and the host answers a repeated id as a
        // replay (200, nothing stored), which would hide requests from the count.
        var run = await WrkRun.RunAsync(url, await ScriptAsync(cancellationToken), Connections, MeasuredSeconds, cancellationToken);
        var cpu = (process.CpuTime() - cpuBefore).TotalMicroseconds / Math.Max(1, run.Requests);
        var rss = process.ResidentBytes();
        var exit = await process.StopAsync();
        var ok = run.Non2xx == 0 && run.SocketErrors == 0 && warmup.Non2xx == 0;
        if (!ok)
        {
            output.WriteLine($"  round {round}, {Short(server)}: NOT ALL 2xx: warm-up {warmup.Non2xx} non-2xx, measured {run.Non2xx} non-2xx, {run.SocketErrors} socket errors; first lines: {string.Join(" | ", process.Lines)}");
        }

        if (deployment is not null)
        {
            // Read after the host stopped (and closed the file), as the other scenarios do.
            var counts = await new RunTable(deployment.Database).CountAsync(finishedBy: null, cancellationToken);
            var acknowledged = warmup.Acknowledged + run.Acknowledged;
            var stored = counts.Events >= acknowledged && counts.Runs == counts.Events;
            ok &= stored && exit == 0;
            output.WriteLine($"  round {round}, host: {acknowledged} acknowledged (warm-up included), {counts.Events} events and {counts.Runs} runs stored " +
                $"({(stored ? "verified: every 2xx stored; the surplus is requests in flight when wrk stopped" : "NOT VERIFIED")}), host exit code {exit}");
        }

        return (run, rss, cpu, load, ok);
    }

    private async Task<string> ScriptAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(dataDirectory, $"ingest-peers-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, GitHubPush.WrkScript(), cancellationToken);
        return script;
    }

    private ProcessStartInfo StartInfo(string server, int port, DeploymentPaths? deployment)
    {
        var urls = $"http://127.0.0.1:{port}";
        ProcessStartInfo start;
        if (server == Bare)
        {
            start = new ProcessStartInfo("dotnet");
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Webhooks.Modular.Bench.dll"));
            start.ArgumentList.Add(BareTarget.ServeCommand);
            start.ArgumentList.Add(urls);
        }
        else if (server == Octokit)
        {
            start = new ProcessStartInfo("node") { WorkingDirectory = NodePeerFolder };
            start.ArgumentList.Add("server.mjs");
            start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
            start.ArgumentList.Add(GitHubPush.Secret);
            start.Environment["NODE_ENV"] = "production";
            return start;
        }
        else
        {
            if (!File.Exists(hostPath))
            {
                throw new InvalidOperationException($"the host is not built at {hostPath}: build src/Host in the benchmark's configuration");
            }

            start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(deployment!.Config)! };
            foreach (var argument in new[] { hostPath, "--config", deployment.Config, "--urls", urls })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in QuietLogging.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return start;
    }

    private string NodePeerFolder => Path.Combine(repositoryRoot, "bench", "peers", "octokit");

    private async Task EnsureNodePeerAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(NodePeerFolder, "node_modules", "@octokit", "webhooks")))
        {
            return;
        }

        // The pinned package, from package-lock.json, with npm as the project's other Node peers install.
        var start = new ProcessStartInfo("npm") { WorkingDirectory = NodePeerFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("could not start npm");
        var text = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {NodePeerFolder} exited with {npm.ExitCode}: {await error}{await text}");
        }
    }

    private DeploymentPaths WriteHostDeployment(int round)
    {
        var folder = Path.Combine(dataDirectory, $"ingest-peers-host-{round}");
        Directory.CreateDirectory(folder);
        var root = new JsonObject
        {
            ["plugins"] = new JsonArray(
                new JsonObject { ["name"] = "Storage.Sqlite", ["settings"] = new JsonObject { ["path"] = "data/webhooks.db" } },
                new JsonObject { ["name"] = "Auth.Hmac" },
                new JsonObject { ["name"] = "Actions.Command" }),
            ["hooks"] = new JsonArray(new JsonObject
            {
                ["name"] = "github",
                ["methods"] = new JsonArray("POST"),
                ["auth"] = new JsonObject
                {
                    ["scheme"] = "hmac",
                    ["settings"] = new JsonObject { ["preset"] = "github", ["secrets"] = new JsonArray(GitHubPush.Secret) },
                },
                ["action"] = new JsonObject
                {
                    ["type"] = "command",
                    ["settings"] = new JsonObject { ["command"] = "true", ["timeoutSeconds"] = 30 },
                },
            }),
            ["runs"] = new JsonObject { ["enabled"] = false },
        };
        var config = Path.Combine(folder, "plugins.json");
        File.WriteAllText(config, root.ToJsonString());
        return new DeploymentPaths(config, Path.Combine(folder, "data", "webhooks.db"));
    }

    private static string Short(string server) => server == Bare ? "bare" : server == Octokit ? "octokit" : "host";

    private static string Ms(double value) => value.ToString(value < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);

    private sealed record DeploymentPaths(string Config, string Database);
}
