using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Bench.Load;
using Webhooks.Modular.Bench.Options;
using Webhooks.Modular.Bench.Reporting;
using Webhooks.Modular.Bench.Storage;
using Webhooks.Modular.Bench.Targets;

namespace Webhooks.Modular.Bench.Scenarios;

/// <summary>Runs each scenario: starts its target, loads it, checks what it stored, stops it.</summary>
/// <param name="options">The run's parameters.</param>
/// <param name="dataDirectory">Where each scenario's deployment (and SQLite database) goes.</param>
/// <param name="sourceDeployment">The repository's <c>plugins.json</c>.</param>
/// <param name="pluginRoot">Where the built-in plugins were copied beside the benchmark, for the in-process host.</param>
/// <param name="hostPath">The built host's dll, for the <c>pg-*</c> scenarios' host processes.</param>
internal sealed class BenchRunner(BenchOptions options, string dataDirectory, string sourceDeployment, string pluginRoot, string hostPath)
{
    /// <summary>What every accepted webhook to the demo hook publishes, and the destination subscribes to.</summary>
    private const string DeliveredEvent = "event.webhook.demo";

    // After the last delivery arrived: time for a late duplicate to show, and for the worker to record the last
    // attempts before the host stops (an attempt cut short by shutdown stays pending in the file).
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    // The delivery worker's default, as in deliver; on each host, so pg-2 has twice the slots of pg-1.
    private const int PostgresPerDestinationConcurrency = 4;

    private LoadSettings Settings => new(options.Concurrency, options.Warmup, options.Measured, options.MaxRequests);

    /// <summary>Why a scenario cannot run with these options, or <c>null</c> when it can.</summary>
    /// <param name="name">One of <see cref="Scenario"/>.</param>
    public string? SkipReason(string name) =>
        name is Scenario.Postgres1 or Scenario.Postgres2 && options.Postgres is null
            ? $"skipped: no PostgreSQL server given; pass --postgres \"<Npgsql connection string>\" or set {BenchOptions.PostgresVariable}"
            : name is Scenario.IngestPeers && !File.Exists(WrkRun.Executable)
                ? $"skipped: wrk is not installed at {WrkRun.Executable} (apt-get install wrk)"
                : null;

    /// <summary>Runs one scenario by name.</summary>
    /// <param name="name">One of <see cref="Scenario"/>.</param>
    /// <param name="cancellationToken">Stops early.</param>
    public Task<ScenarioResult> RunAsync(string name, CancellationToken cancellationToken) => name switch
    {
        Scenario.Bare => RunBareAsync(cancellationToken),
        Scenario.Accept => RunAcceptAsync(name, synchronous: null, cancellationToken),
        Scenario.AcceptNormal => RunAcceptAsync(name, synchronous: "NORMAL", cancellationToken),
        Scenario.AcceptTelemetry => RunAcceptAsync(name, synchronous: null, cancellationToken, telemetry: true),
        Scenario.AcceptLiteDb => RunAcceptAsync(name, synchronous: null, cancellationToken, liteDb: true),
        Scenario.AcceptPurge => RunAcceptPurgeAsync(cancellationToken),
        Scenario.EndToEnd => RunEndToEndAsync(cancellationToken),
        Scenario.Deliver => RunDeliverAsync(name, perDestinationConcurrency: 4, cancellationToken),
        Scenario.Deliver16 => RunDeliverAsync(name, perDestinationConcurrency: 16, cancellationToken),
        Scenario.Postgres1 => RunPostgresAsync(name, hosts: 1, cancellationToken),
        Scenario.Postgres2 => RunPostgresAsync(name, hosts: 2, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scenario"),
    };

    private async Task<ScenarioResult> RunBareAsync(CancellationToken cancellationToken)
    {
        await using var target = await BareTarget.StartAsync();
        using var client = LoadGenerator.CreateClient(target.Address, options.Concurrency);
        var load = await new LoadGenerator(client, Settings).RunAsync(DemoRequests.Bare, onSuccess: null, cancellationToken);
        return new ScenarioResult(Scenario.Bare, load, Verified: true, []);
    }

    private async Task<ScenarioResult> RunAcceptAsync(string name, string? synchronous, CancellationToken cancellationToken, bool telemetry = false, bool liteDb = false)
    {
        var deployment = DeploymentCopy.Write(sourceDeployment, Path.Combine(dataDirectory, name), synchronous, telemetry: telemetry, liteDb: liteDb);
        var notes = new List<string>
        {
            liteDb
                ? "Storage.LiteDb in place of Storage.Sqlite (its log file synced once per group commit), run workers off"
                : $"synchronous={synchronous ?? "FULL (the plugin's default)"}, run workers off{(telemetry ? ", Telemetry.OpenTelemetry recording" : "")}",
        };
        LoadResult load;
        await using (var target = await HostTarget.StartAsync(deployment, pluginRoot, runWorkers: false))
        {
            using var client = LoadGenerator.CreateClient(target.Address, options.Concurrency);
            var before = target.Writer?.Read();
            load = await new LoadGenerator(client, Settings).RunAsync(DemoRequests.Hook, onSuccess: null, cancellationToken);
            notes.Add(Commits(before, target.Writer?.Read(), load.CountOf(200)));
        }

        // The host is stopped and its database closed: the file is read alone.
        var counts = liteDb
            ? LiteDbRunTable.Count(deployment.DatabasePath)
            : await new RunTable(deployment.DatabasePath).CountAsync(finishedBy: null, cancellationToken);
        var verified = Verify(counts, load.CountOf(200), notes);
        return new ScenarioResult(name, load, verified, notes);
    }

    private async Task<ScenarioResult> RunAcceptPurgeAsync(CancellationToken cancellationToken)
    {
        const int Expired = 200_000;
        var deployment = DeploymentCopy.Write(sourceDeployment, Path.Combine(dataDirectory, Scenario.AcceptPurge), synchronous: null);
        var notes = new List<string> { $"synchronous=FULL, run workers off; {Expired} expired events (1 KiB bodies) with finished runs seeded 40 days back" };
        LoadResult alone, purging;
        var purged = 0;
        TimeSpan purgeTime;
        await using (var target = await HostTarget.StartAsync(deployment, pluginRoot, runWorkers: false))
        {
            await ExpiredHistory.SeedAsync(deployment.DatabasePath, Expired, cancellationToken);
            using var client = LoadGenerator.CreateClient(target.Address, options.Concurrency);
            alone = await new LoadGenerator(client, Settings).RunAsync(DemoRequests.Hook, onSuccess: null, cancellationToken);

            // The same load again while a purge deletes the expired rows in the housekeeping's batches (500 rows,
            // one write each), runs first, then the events they freed.
            var retention = target.Services.GetRequiredService<IStoreRetention>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var started = Stopwatch.GetTimestamp();
            var purge = Task.Run(async () =>
            {
                foreach (var kind in new[] { RetentionKind.Runs, RetentionKind.Events })
                {
                    int deleted;
                    do
                    {
                        deleted = await retention.PurgeAsync(new RetentionPurge(kind, DateTimeOffset.UtcNow.AddDays(-30), 500), stop.Token);
                        Interlocked.Add(ref purged, deleted);
                    }
                    while (deleted > 0 && !stop.IsCancellationRequested);
                }
            }, stop.Token);
            purging = await new LoadGenerator(client, Settings).RunAsync(DemoRequests.Hook, onSuccess: null, cancellationToken);
            var purgeDone = purge.IsCompleted;
            purgeTime = Stopwatch.GetElapsedTime(started);
            await stop.CancelAsync();
            try
            {
                await purge;
            }
            catch (OperationCanceledException)
            {
            }

            notes.Add(purgeDone
                ? $"WARNING: the purge finished before the load did, so part of the second load ran without it"
                : "the purge ran for the whole second load");
        }

        notes.Add($"alone: {alone.RequestsPerSecond:F0} accepts/s; with the purge: {purging.RequestsPerSecond:F0} accepts/s " +
            $"(x{purging.RequestsPerSecond / alone.RequestsPerSecond:F2}); {purged} rows purged in {Seconds(purgeTime)} s " +
            $"({Rate(purged, purgeTime)} rows/s); p99 {alone.Latency.P99:F1} ms alone, {purging.Latency.P99:F1} ms with the purge");

        // Every accept left one queued run (workers are off), and the purge took none of them.
        var counts = await new RunTable(deployment.DatabasePath).CountAsync(finishedBy: null, cancellationToken);
        var accepted = alone.CountOf(200) + purging.CountOf(200);
        var verified = counts.Pending == accepted;
        notes.Add(verified
            ? $"verified: {counts.Pending} queued runs kept for {accepted} accepted; {counts.Succeeded} expired runs left unpurged"
            : $"NOT VERIFIED: {counts.Pending} queued runs for {accepted} accepted (200)");
        return new ScenarioResult(Scenario.AcceptPurge, purging, verified, notes);
    }

    private async Task<ScenarioResult> RunEndToEndAsync(CancellationToken cancellationToken)
    {
        var deployment = DeploymentCopy.Write(sourceDeployment, Path.Combine(dataDirectory, Scenario.EndToEnd), synchronous: null);
        var notes = new List<string> { "synchronous=FULL, run workers on (the file's runs.concurrency), each run spawns /bin/sh" };
        var accepted = new AcceptedRuns();
        LoadResult load;
        DateTimeOffset loadStarted, loadEnded;
        int unfinished;
        await using (var target = await HostTarget.StartAsync(deployment, pluginRoot, runWorkers: true))
        {
            using var client = LoadGenerator.CreateClient(target.Address, options.Concurrency);
            loadStarted = DateTimeOffset.UtcNow;
            load = await new LoadGenerator(client, Settings).RunAsync(DemoRequests.Hook, accepted.Add, cancellationToken);
            loadEnded = DateTimeOffset.UtcNow;
            unfinished = await accepted.WaitForAllAsync(client, loadEnded + options.DrainTimeout, cancellationToken);
        }

        // Times come from the database (the plugin stamps finished_at with the same clock), read once the host
        // has stopped.
        var counts = await new RunTable(deployment.DatabasePath).CountAsync(loadEnded, cancellationToken);
        var loadTime = loadEnded - loadStarted;
        notes.Add($"during the load ({Seconds(loadTime)} s, warm-up included): {counts.FinishedBy} runs finished ({Rate(counts.FinishedBy, loadTime)} runs/s), " +
            $"{load.CountOf(200) - counts.FinishedBy} left queued or running");
        if (unfinished > 0)
        {
            notes.Add($"NOT DRAINED: {unfinished} runs still unfinished {Seconds(options.DrainTimeout)} s after the load ended");
        }
        else if (counts.LastFinishedAt is { } last)
        {
            var drain = last - loadEnded;
            var backlog = load.CountOf(200) - counts.FinishedBy;
            notes.Add($"the last run finished {Seconds(drain)} s after the load ended " +
                $"(backlog of {backlog} at {Rate(backlog, drain)} runs/s; {counts.Runs} runs in {Seconds(last - loadStarted)} s overall)");
        }

        notes.Add($"runs: {counts.Succeeded} succeeded, {counts.Failed} failed, {counts.Pending} queued or running");
        var verified = Verify(counts, load.CountOf(200), notes) && counts.Pending == 0 && counts.Failed == 0;
        return new ScenarioResult(Scenario.EndToEnd, load, verified, notes);
    }

    private async Task<ScenarioResult> RunDeliverAsync(string name, int perDestinationConcurrency, CancellationToken cancellationToken)
    {
        var deployment = DeploymentCopy.Write(sourceDeployment, Path.Combine(dataDirectory, name), synchronous: null, perDestinationConcurrency);
        var notes = new List<string>
        {
            $"synchronous=FULL, run workers off, delivery worker on (perDestinationConcurrency {perDestinationConcurrency}), " +
            $"one destination for {DeliveredEvent} (Standard Webhooks signature) on a loopback receiver in the same process",
        };
        LoadResult load;
        DeliveryFigures figures;
        long withoutId;
        await using (var receiver = await DeliveryReceiver.StartAsync())
        {
            long loadStarted, loadEnded, receivedDuringLoad, lastArrival;
            bool drained;

            // The host stops first (inner scope), so no attempt is cut off by a receiver that went away.
            await using (var target = await HostTarget.StartAsync(deployment, pluginRoot, runWorkers: false))
            {
                var destinations = target.Services.GetRequiredService<IDestinationManager>();
                await destinations.CreateAsync(new DestinationSpec("bench", receiver.Url.ToString(), [DeliveredEvent]), cancellationToken);
                using var client = LoadGenerator.CreateClient(target.Address, options.Concurrency);
                var before = target.Writer?.Read();
                loadStarted = Stopwatch.GetTimestamp();
                load = await new LoadGenerator(client, Settings).RunAsync(DemoRequests.Hook, onSuccess: null, cancellationToken);
                loadEnded = Stopwatch.GetTimestamp();
                receivedDuringLoad = receiver.Distinct;
                notes.Add(Commits(before, target.Writer?.Read(), load.CountOf(200)) + " (the delivery worker's claims and attempts included)");
                drained = await receiver.WaitForAsync(load.CountOf(200), loadEnded + (long)(options.DrainTimeout.TotalSeconds * Stopwatch.Frequency), cancellationToken);
                lastArrival = receiver.LastNewIdAt;
                await Task.Delay(Settle, cancellationToken);
            }

            figures = new DeliveryFigures(
                perDestinationConcurrency,
                load.CountOf(200),
                Stopwatch.GetElapsedTime(loadStarted, loadEnded),
                receivedDuringLoad,
                receiver.Distinct,
                receiver.Requests,
                receiver.Duplicates,
                drained ? Stopwatch.GetElapsedTime(loadEnded, Math.Max(loadEnded, lastArrival)) : null,
                Stopwatch.GetElapsedTime(loadStarted, Math.Max(loadEnded, lastArrival)));
            withoutId = receiver.WithoutId;
        }

        Describe(figures, withoutId, notes);

        // The host is stopped and its database closed: the file is read alone.
        var counts = await new RunTable(deployment.DatabasePath).CountAsync(finishedBy: null, cancellationToken);
        var verified = Verify(counts, load.CountOf(200), notes);
        var outbox = await new DeliveryTable(deployment.DatabasePath).CountAsync(cancellationToken);
        var outboxComplete = outbox.Deliveries == load.CountOf(200) && outbox.Failed == 0;
        notes.Add((outboxComplete ? "outbox: " : "OUTBOX MISMATCH: ") +
            $"{outbox.Deliveries} deliveries stored for {load.CountOf(200)} accepted: {outbox.Succeeded} succeeded, {outbox.Pending} pending, " +
            $"{outbox.Failed} failed; {outbox.Attempts} attempts ({outbox.Retries} retries)");
        return new ScenarioResult(name, load, verified && outboxComplete && figures.Received == figures.Accepted, notes, figures);
    }

    private async Task<ScenarioResult> RunPostgresAsync(string name, int hosts, CancellationToken cancellationToken)
    {
        var connectionString = options.Postgres ?? throw new InvalidOperationException(SkipReason(name));
        var notes = new List<string>();
        LoadResult load;
        DeliveryFigures figures;
        long withoutId;
        PostgresCounts counts;
        await using (var schema = await PostgresSchema.ReserveAsync(connectionString, name, cancellationToken))
        {
            var deployment = PostgresDeployment.Write(sourceDeployment, Path.Combine(dataDirectory, name), schema.Name, PostgresPerDestinationConcurrency);
            var environment = new Dictionary<string, string> { [PostgresDeployment.ConnectionVariable] = schema.HostConnectionString };
            notes.Add($"{(hosts == 1 ? "one host process" : $"{hosts} host processes")} on PostgreSQL {schema.Server}, fresh schema {schema.Name} " +
                $"(dropped at the end), run workers off, delivery worker on in each host (perDestinationConcurrency {PostgresPerDestinationConcurrency}" +
                $"{(hosts > 1 ? $" each, {hosts * PostgresPerDestinationConcurrency} in all" : "")}), one destination for {DeliveredEvent} on a loopback receiver in the benchmark's process" +
                (hosts > 1 ? $"; loop i sends to host (i mod {hosts}) + 1" : ""));
            await using (var receiver = await DeliveryReceiver.StartAsync())
            {
                long loadStarted, loadEnded, receivedDuringLoad, lastArrival;
                bool drained;

                // Created before any host starts, with the host's own command line (it migrates the new schema), so that
                // every host finds the destination when it plans its first delivery.
                await HostProcessTarget.RunCommandAsync(
                    hostPath,
                    deployment.ConfigPath,
                    environment,
                    ["destination", "create", "--url", receiver.Url.ToString(), "--events", DeliveredEvent, "--description", "bench"],
                    cancellationToken);

                // The hosts stop first (inner scope), so no attempt is cut off by a receiver that went away.
                await using (var group = await HostProcessGroup.StartAsync(hosts, hostPath, deployment.ConfigPath, environment, cancellationToken))
                {
                    var clients = group.Hosts.Select(h => LoadGenerator.CreateClient(h.Address, options.Concurrency)).ToList();
                    try
                    {
                        List<CpuPart> parts = [CpuPart.ThisProcess, new("hosts", _ => Task.FromResult(group.ProcessIds))];
                        if (schema.IsLocal)
                        {
                            parts.Add(new CpuPart("PostgreSQL", schema.BackendProcessIdsAsync));
                        }
                        else
                        {
                            notes.Add("the server is not on this machine: its CPU time is not counted");
                        }

                        loadStarted = Stopwatch.GetTimestamp();
                        load = await new LoadGenerator(clients, Settings, parts).RunAsync(DemoRequests.Hook, onSuccess: null, cancellationToken);
                        loadEnded = Stopwatch.GetTimestamp();
                        receivedDuringLoad = receiver.Distinct;
                        drained = await receiver.WaitForAsync(load.CountOf(200), loadEnded + (long)(options.DrainTimeout.TotalSeconds * Stopwatch.Frequency), cancellationToken);
                        lastArrival = receiver.LastNewIdAt;
                        await Task.Delay(Settle, cancellationToken);
                    }
                    finally
                    {
                        clients.ForEach(c => c.Dispose());
                    }

                    var exitCodes = await group.StopAsync();
                    notes.Add($"hosts stopped with SIGTERM: exit code{(hosts > 1 ? "s" : "")} {string.Join(", ", exitCodes)}" +
                        (exitCodes.All(code => code == 0) ? "" : " (NOT A CLEAN STOP: attempts in flight may be left pending)"));
                    notes.AddRange(group.LogNotes());
                }

                figures = new DeliveryFigures(
                    PostgresPerDestinationConcurrency,
                    load.CountOf(200),
                    Stopwatch.GetElapsedTime(loadStarted, loadEnded),
                    receivedDuringLoad,
                    receiver.Distinct,
                    receiver.Requests,
                    receiver.Duplicates,
                    drained ? Stopwatch.GetElapsedTime(loadEnded, Math.Max(loadEnded, lastArrival)) : null,
                    Stopwatch.GetElapsedTime(loadStarted, Math.Max(loadEnded, lastArrival)),
                    hosts);
                withoutId = receiver.WithoutId;
            }

            counts = await new PostgresTables(schema).CountAsync(cancellationToken);
        }

        if (hosts > 1)
        {
            notes.Add($"accepted (200) per host, warm-up included: {string.Join(", ", load.SuccessesPerTarget.Select((n, i) => $"host {i + 1} {n}"))}");
        }

        Describe(figures, withoutId, notes);
        var verified = Verify(counts.Runs, load.CountOf(200), notes);
        var exact = counts.EventsWithoutOneRun == 0 && counts.EventsWithoutOneDelivery == 0;
        notes.Add(exact
            ? "exactly one each: every stored event has one run and one delivery"
            : $"NOT EXACTLY ONE: {counts.EventsWithoutOneRun} events without exactly one run, {counts.EventsWithoutOneDelivery} without exactly one delivery");
        var outbox = counts.Deliveries;
        var outboxComplete = outbox.Deliveries == load.CountOf(200) && outbox.Failed == 0;
        notes.Add((outboxComplete ? "outbox: " : "OUTBOX MISMATCH: ") +
            $"{outbox.Deliveries} deliveries stored for {load.CountOf(200)} accepted: {outbox.Succeeded} succeeded, {outbox.Pending} pending, " +
            $"{outbox.Failed} failed; {outbox.Attempts} attempts ({outbox.Retries} retries); {counts.Claims} claims, " +
            $"{counts.ClaimedMoreThanOnce} deliveries claimed more than once (given back over the destination's limit, or retried)");
        notes.Add($"PostgreSQL's table statistics: {counts.DeliveryRowUpdates} row updates of deliveries ({Per(counts.DeliveryRowUpdates, outbox.Deliveries)} per delivery): " +
            $"{counts.Claims} claims, {outbox.Attempts} attempts recorded, {counts.DeliveryRowUpdates - counts.Claims - outbox.Attempts} others " +
            "(give-backs over the destination's limit, lease renewals)");
        return new ScenarioResult(name, load, verified && exact && outboxComplete && figures.Received == figures.Accepted, notes, figures);
    }

    // The receiver's side of a delivery scenario, as notes for the report.
    private void Describe(DeliveryFigures figures, long withoutId, List<string> notes)
    {
        notes.Add($"during the load ({Seconds(figures.LoadTime)} s, warm-up included): {figures.ReceivedDuringLoad} deliveries received " +
            $"({Whole(figures.DuringLoadPerSecond)} deliveries/s), {figures.Backlog} still owed");
        if (figures.Drain is { } drain)
        {
            notes.Add($"the last delivery arrived {Seconds(drain)} s after the load ended " +
                $"(backlog of {figures.Backlog} at {Whole(figures.DrainPerSecond)} deliveries/s; " +
                $"{figures.Received} deliveries in {Seconds(figures.Overall)} s overall, {Whole(figures.OverallPerSecond)} deliveries/s)");
        }
        else
        {
            notes.Add($"NOT DRAINED: {figures.Lost} deliveries still missing {Seconds(options.DrainTimeout)} s after the load ended");
        }

        notes.Add(figures.Received == figures.Accepted
            ? $"receiver: {figures.Received} distinct webhook-ids for {figures.Accepted} accepted (none lost), {figures.Duplicates} duplicates, {figures.Requests} requests"
            : $"RECEIVER MISMATCH: {figures.Received} distinct webhook-ids for {figures.Accepted} accepted (200), {figures.Duplicates} duplicates, {figures.Requests} requests");
        if (withoutId > 0)
        {
            notes.Add($"{withoutId} requests came without a webhook-id header");
        }
    }

    private static bool Verify(RunCounts counts, long accepted, List<string> notes)
    {
        // The demo hook has no condition and one action: every 200 is exactly one event and one run.
        var verified = counts.Runs == accepted && counts.Events == accepted;
        notes.Add(verified
            ? $"verified: {counts.Runs} runs stored for {accepted} accepted"
            : $"NOT VERIFIED: {counts.Runs} runs and {counts.Events} events stored for {accepted} accepted (200)");
        return verified;
    }

    private static string Commits((long Commits, long Operations)? before, (long Commits, long Operations)? after, long accepted)
    {
        if (before is not { } b || after is not { } a)
        {
            return "commits: not available (the storage plugin's counters could not be read)";
        }

        var commits = a.Commits - b.Commits;
        var operations = a.Operations - b.Operations;
        return $"storage commits during the load: {commits} for {operations} write operations ({accepted} accepted), " +
            $"{(commits == 0 ? "n/a" : (operations / (double)commits).ToString("F1", CultureInfo.InvariantCulture))} operations per commit";
    }

    private static string Per(long count, long per) => per == 0 ? "n/a" : (count / (double)per).ToString("F2", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);

    private static string Whole(double value) => double.IsFinite(value) ? value.ToString("F0", CultureInfo.InvariantCulture) : "n/a";

    private static string Rate(long count, TimeSpan time) => (count / Math.Max(time.TotalSeconds, 0.001)).ToString("F0", CultureInfo.InvariantCulture);
}
