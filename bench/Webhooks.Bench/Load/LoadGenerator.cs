using System.Collections.Concurrent;
using System.Diagnostics;

namespace Webhooks.Modular.Bench.Load;

/// <summary>
/// Closed-loop load: a fixed number of loops, each sending its next request as soon as the previous one is
/// answered, for a warm-up and then a measured window. A request belongs to the window it started in.
/// </summary>
internal sealed class LoadGenerator
{
    private const int MaxDistinctErrors = 20;
    private const int MaxErrorBodyChars = 500;

    private readonly IReadOnlyList<HttpClient> _clients;
    private readonly LoadSettings _settings;
    private readonly IReadOnlyList<CpuPart> _cpuParts;

    /// <summary>Creates a generator for one target, measuring this process's CPU.</summary>
    /// <param name="client">The client; its handler should allow <see cref="LoadSettings.Concurrency"/> connections.</param>
    /// <param name="settings">How hard and how long.</param>
    public LoadGenerator(HttpClient client, LoadSettings settings)
        : this([client], settings, [CpuPart.ThisProcess])
    {
    }

    /// <summary>Creates a generator that spreads its loops over several targets: loop <c>i</c> sends to client <c>i mod n</c>.</summary>
    /// <param name="clients">One client per target, each with a base address.</param>
    /// <param name="settings">How hard and how long; the loops are shared out evenly (within one).</param>
    /// <param name="cpuParts">The processes whose CPU time the window is charged with.</param>
    public LoadGenerator(IReadOnlyList<HttpClient> clients, LoadSettings settings, IReadOnlyList<CpuPart> cpuParts)
    {
        if (clients.Count == 0)
        {
            throw new ArgumentException("at least one client is needed", nameof(clients));
        }

        _clients = clients;
        _settings = settings;
        _cpuParts = cpuParts;
    }

    /// <summary>Creates the client a generator needs: one connection per loop, no proxy, no cookies.</summary>
    /// <param name="baseAddress">The server, on loopback.</param>
    /// <param name="concurrency">The number of loops.</param>
    public static HttpClient CreateClient(Uri baseAddress, int concurrency) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Runs the load.</summary>
    /// <param name="createRequest">Makes request number <c>n</c> (from 1); called on the loop that sends it.</param>
    /// <param name="onSuccess">Given each 2xx answer's request number and body, warm-up included; must be cheap and thread-safe.</param>
    /// <param name="cancellationToken">Stops the loops early.</param>
    public async Task<LoadResult> RunAsync(
        Func<long, HttpRequestMessage> createRequest,
        Action<long, string>? onSuccess,
        CancellationToken cancellationToken)
    {
        var shared = new SharedState(_settings.MaxRequests);
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + ToTicks(_settings.Warmup);
        var measureUntil = measureFrom + ToTicks(_settings.Measured);

        var loops = new Task<LoopState>[_settings.Concurrency];
        for (var i = 0; i < loops.Length; i++)
        {
            var client = _clients[i % _clients.Count];
            loops[i] = Task.Run(() => LoopAsync(client, createRequest, onSuccess, shared, measureFrom, measureUntil, cancellationToken), cancellationToken);
        }

        var cpu = MeasureCpuAsync(measureFrom, measureUntil, cancellationToken);
        var states = await Task.WhenAll(loops).ConfigureAwait(false);
        var (shares, machineBusy, machineSteal) = await cpu.ConfigureAwait(false);

        var statusCounts = new Dictionary<int, long>();
        foreach (var state in states)
        {
            foreach (var (status, count) in state.StatusCounts)
            {
                statusCounts[status] = statusCounts.GetValueOrDefault(status) + count;
            }
        }

        return new LoadResult(
            states.Sum(s => s.Latencies.Count),
            states.Sum(s => s.MeasuredErrors),
            _settings.Measured,
            LatencySummary.FromTicks([.. states.SelectMany(s => s.Latencies)]),
            statusCounts,
            new Dictionary<string, long>(shared.ErrorSamples),
            shares.Aggregate(TimeSpan.Zero, (sum, share) => sum + share.Time))
        {
            CpuShares = shares,
            MachineBusy = machineBusy,
            MachineSteal = machineSteal,
            SuccessesPerTarget = [.. _clients.Select((_, target) => states.Where((_, loop) => loop % _clients.Count == target).Sum(s => s.Successes))],
        };
    }

    // The CPU time of the processes measured over the window: in the in-process scenarios the server and the load
    // generator share one process, whose generator part is the same for every scenario; in the pg-* scenarios the
    // hosts and their PostgreSQL backends are counted too. And how busy the whole machine was meanwhile.
    private async Task<(IReadOnlyList<CpuShare> Shares, double MachineBusy, double MachineSteal)> MeasureCpuAsync(
        long from, long until, CancellationToken cancellationToken)
    {
        await Task.Delay(Until(from), cancellationToken).ConfigureAwait(false);
        var machineBefore = MachineCpu.Read();
        var before = new List<IReadOnlyDictionary<int, TimeSpan>>();
        foreach (var part in _cpuParts)
        {
            before.Add(await part.ReadAsync(cancellationToken).ConfigureAwait(false));
        }

        await Task.Delay(Until(until), cancellationToken).ConfigureAwait(false);
        var machineAfter = MachineCpu.Read();
        var shares = new List<CpuShare>();
        for (var i = 0; i < _cpuParts.Count; i++)
        {
            var after = await _cpuParts[i].ReadAsync(cancellationToken).ConfigureAwait(false);
            shares.Add(new CpuShare(_cpuParts[i].Name, CpuPart.Used(before[i], after)));
        }

        return machineBefore is not null && machineAfter is not null
            ? (shares, machineAfter.BusySince(machineBefore), machineAfter.StealSince(machineBefore))
            : (shares, double.NaN, double.NaN);
    }

    private static async Task<LoopState> LoopAsync(
        HttpClient client,
        Func<long, HttpRequestMessage> createRequest,
        Action<long, string>? onSuccess,
        SharedState shared,
        long measureFrom,
        long measureUntil,
        CancellationToken cancellationToken)
    {
        var state = new LoopState();
        while (!cancellationToken.IsCancellationRequested)
        {
            var sent = Stopwatch.GetTimestamp();
            if (sent >= measureUntil)
            {
                break;
            }

            var number = Interlocked.Increment(ref shared.Sequence);
            if (number > shared.MaxRequests)
            {
                break;
            }

            var (status, body, error) = await SendAsync(client, createRequest(number), cancellationToken).ConfigureAwait(false);
            var latency = Stopwatch.GetTimestamp() - sent;
            state.StatusCounts[status] = state.StatusCounts.GetValueOrDefault(status) + 1;
            if (error is not null)
            {
                shared.RecordError(error);
            }
            else
            {
                state.Successes++;
                onSuccess?.Invoke(number, body);
            }

            if (sent >= measureFrom)
            {
                state.Latencies.Add(latency);
                if (error is not null)
                {
                    state.MeasuredErrors++;
                }
            }
        }

        return state;
    }

    private static async Task<(int Status, string Body, string? Error)> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using (request)
            using (var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false))
            {
                // The body is part of the answer: read it whole, success or not.
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    return (status, body, null);
                }

                var shown = body.Length > MaxErrorBodyChars ? body[..MaxErrorBodyChars] + "…" : body;
                return (status, body, $"{status} {response.Content.Headers.ContentType} {shown}");
            }
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, "", $"exception {error.GetType().Name}: {error.Message}{(error.InnerException is { } inner ? $" ({inner.GetType().Name}: {inner.Message})" : "")}");
        }
    }

    private static TimeSpan Until(long timestamp)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static long ToTicks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);

    private sealed class SharedState(long maxRequests)
    {
        public long Sequence;

        public long MaxRequests { get; } = maxRequests;

        public ConcurrentDictionary<string, long> ErrorSamples { get; } = new();

        public void RecordError(string error)
        {
            // Keep the first few distinct errors and count every later repeat of them.
            if (ErrorSamples.ContainsKey(error) || ErrorSamples.Count < MaxDistinctErrors)
            {
                ErrorSamples.AddOrUpdate(error, 1, (_, count) => count + 1);
            }
            else
            {
                ErrorSamples.AddOrUpdate("(other errors, not kept)", 1, (_, count) => count + 1);
            }
        }
    }

    private sealed class LoopState
    {
        public List<long> Latencies { get; } = new(capacity: 16_384);

        public Dictionary<int, long> StatusCounts { get; } = [];

        public long MeasuredErrors { get; set; }

        public long Successes { get; set; }
    }
}
