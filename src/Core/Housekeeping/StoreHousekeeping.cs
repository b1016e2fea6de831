using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Diagnostics;
using Webhooks.Modular.Core.Hooks;

namespace Webhooks.Modular.Core.Housekeeping;

/// <summary>
/// Deletes what has expired and would otherwise pile up for ever: idempotency keys past their retention, tokens
/// past their expiry (every sign-in leaves a session token), and, when the store offers <see cref="IStoreRetention"/>,
/// events, runs and deliveries past their retention window (<see cref="RetentionOptions"/>, or a hook's own).
/// In small batches, each its own short write, so the store's writer is never held for long and accepts go on
/// between them; once at start and then every interval.
/// </summary>
internal sealed class StoreHousekeeping(IServiceProvider services, TimeProvider clock, ILogger<StoreHousekeeping> logger) : BackgroundService
{
    public const int BatchSize = 5_000;

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    // Deliveries and runs first: an event goes only once nothing refers to it, so this order frees an event in the
    // same pass that removes the last of its runs and deliveries.
    private static readonly RetentionKind[] Kinds = [RetentionKind.Deliveries, RetentionKind.Runs, RetentionKind.Events];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await PurgeOnceAsync(stoppingToken);
                await PurgeRetentionAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.HousekeepingFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: every expired row, a batch at a time. Returns (keys, tokens) deleted.</summary>
    internal async Task<(int Keys, int Tokens)> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        var keys = 0;
        var tokens = 0;
        if (services.GetService<IEventStore>() is { } events)
        {
            int deleted;
            do
            {
                deleted = await events.PurgeExpiredIdempotencyKeysAsync(clock.GetUtcNow(), BatchSize, cancellationToken);
                keys += deleted;
                Count("idempotency_keys", deleted);
            }
            while (deleted == BatchSize);
        }

        if (services.GetService<IAuthTokenStore>() is { } store)
        {
            int deleted;
            do
            {
                deleted = await store.PurgeExpiredTokensAsync(clock.GetUtcNow(), BatchSize, cancellationToken);
                tokens += deleted;
            }
            while (deleted == BatchSize);
        }

        if (keys + tokens > 0)
        {
            Log.HousekeepingDone(logger, keys, tokens);
        }

        return (keys, tokens);
    }

    /// <summary>
    /// One retention pass: for each kind, the rows of hooks without a window of their own past the default window,
    /// then each such hook's rows past its own, a batch at a time. Returns what was deleted, by kind; nothing when
    /// the store does not offer retention.
    /// </summary>
    internal async Task<IReadOnlyDictionary<RetentionKind, int>> PurgeRetentionAsync(CancellationToken cancellationToken)
    {
        var deleted = Kinds.ToDictionary(k => k, _ => 0);
        if (services.GetService<IStoreRetention>() is not { } store)
        {
            return deleted;
        }

        var options = services.GetService<RetentionOptions>() ?? new RetentionOptions();
        var hooks = services.GetService<HookRegistry>()?.All ?? [];
        foreach (var kind in Kinds)
        {
            var own = hooks.Where(h => h.Retention?.For(kind) is not null).ToArray();
            var window = options.Defaults.For(kind)!.Value;
            var now = clock.GetUtcNow();
            if (window > TimeSpan.Zero)
            {
                deleted[kind] += await PurgeAsync(
                    store, new RetentionPurge(kind, now - window, options.BatchSize) { ExceptHooks = [.. own.Select(h => h.Name)] }, cancellationToken);
            }

            foreach (var hook in own)
            {
                var hookWindow = hook.Retention!.For(kind)!.Value;
                if (hookWindow > TimeSpan.Zero)
                {
                    deleted[kind] += await PurgeAsync(
                        store, new RetentionPurge(kind, now - hookWindow, options.BatchSize) { HookName = hook.Name }, cancellationToken);
                }
            }
        }

        if (deleted.Values.Sum() > 0)
        {
            Log.RetentionDone(logger, deleted[RetentionKind.Events], deleted[RetentionKind.Runs], deleted[RetentionKind.Deliveries]);
        }

        return deleted;
    }

    private static async Task<int> PurgeAsync(IStoreRetention store, RetentionPurge purge, CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await store.PurgeAsync(purge, cancellationToken);
            total += deleted;
            Count(purge.Kind switch
            {
                RetentionKind.Events => "events",
                RetentionKind.Runs => "runs",
                _ => "deliveries",
            }, deleted);
        }
        while (deleted == purge.Max);

        return total;
    }

    private static void Count(string kind, int deleted)
    {
        if (deleted > 0)
        {
            EngineMetrics.Purged.Add(deleted, new KeyValuePair<string, object?>("webhooks.kind", kind));
        }
    }
}
