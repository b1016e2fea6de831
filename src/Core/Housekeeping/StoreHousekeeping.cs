using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Housekeeping;

/// <summary>
/// Deletes what has expired and would otherwise pile up for ever: idempotency keys past their retention, and
/// tokens past their expiry (every sign-in leaves a session token). In batches, so the store's single writer is
/// never held for long; once at start and then every interval.
/// </summary>
internal sealed class StoreHousekeeping(IServiceProvider services, TimeProvider clock, ILogger<StoreHousekeeping> logger) : BackgroundService
{
    public const int BatchSize = 5_000;

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await PurgeOnceAsync(stoppingToken);
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
}
