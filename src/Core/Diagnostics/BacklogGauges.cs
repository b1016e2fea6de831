using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Core.Diagnostics;

/// <summary>
/// Reports the store's backlog (queued runs, pending outbox deliveries and the age of the oldest of each) as gauges,
/// when the storage plugin offers <see cref="IStoreBacklog"/>; without it there are no such gauges. The store is
/// read at most once per <see cref="CacheFor"/> however often metrics are collected, so a scraper (or several)
/// never puts load on it.
/// </summary>
internal sealed class BacklogGauges(IServiceProvider services, TimeProvider clock, ILogger<BacklogGauges> logger) : IHostedService, IDisposable
{
    /// <summary>How long one read of the store serves collections.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    // A collection waits this long for a fresh read; a slower store costs it the previous snapshot, never a hung scrape.
    private static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private IStoreBacklog? _store;
    private IDisposable? _gauges;
    private StoreBacklog? _snapshot;
    private long _readAt;
    private Task? _reading;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _store = services.GetService<IStoreBacklog>();
        if (_store is not null)
        {
            _gauges = EngineMetrics.ObserveBacklog(
                () => Counts(s => s.QueuedRuns, "webhooks.hook"),
                () => Ages(s => s.QueuedRuns, "webhooks.hook"),
                () => Counts(s => s.PendingDeliveries, "webhooks.destination"),
                () => Ages(s => s.PendingDeliveries, "webhooks.destination"));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _gauges?.Dispose();
        _gauges = null;
    }

    private IEnumerable<Measurement<long>> Counts(Func<StoreBacklog, IReadOnlyList<BacklogGroup>> groups, string tag) =>
        Current() is { } snapshot
            ? groups(snapshot).Select(g => new Measurement<long>(g.Count, new KeyValuePair<string, object?>(tag, g.Key))).ToArray()
            : [];

    private IEnumerable<Measurement<double>> Ages(Func<StoreBacklog, IReadOnlyList<BacklogGroup>> groups, string tag)
    {
        if (Current() is not { } snapshot)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        return groups(snapshot)
            .Select(g => new Measurement<double>(Math.Max(0, (now - g.OldestCreatedAt).TotalSeconds), new KeyValuePair<string, object?>(tag, g.Key)))
            .ToArray();
    }

    private StoreBacklog? Current()
    {
        Task reading;
        lock (_gate)
        {
            if (_snapshot is not null && clock.GetElapsedTime(_readAt) < CacheFor)
            {
                return _snapshot;
            }

            // One read at a time: the gauges of one collection, and concurrent scrapes, share it. Task.Run, so that
            // the read's end (which takes the lock) never runs inline before it is recorded here.
            reading = _reading ??= Task.Run(ReadAsync);
        }

        reading.Wait(WaitAtMost);
        lock (_gate)
        {
            return _snapshot;
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(ReadTimeout);
            var snapshot = await _store!.GetBacklogAsync(timeout.Token).ConfigureAwait(false);
            lock (_gate)
            {
                _snapshot = snapshot;
                _readAt = clock.GetTimestamp();
            }
        }
        catch (Exception ex)
        {
            // The gauges then report the last snapshot (or nothing); the next collection tries again.
            Log.BacklogReadFailed(logger, ex);
        }
        finally
        {
            lock (_gate)
            {
                _reading = null;
            }
        }
    }
}
