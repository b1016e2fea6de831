using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.Dagu.Diagnostics;

namespace Webhooks.Modular.Surfaces.Dagu.Webhooks;

/// <summary>
/// Keeps the served DAG webhooks in step with the hook store. At start it serves the stored webhooks again, before
/// the run worker claims runs left over from before a restart (their hooks must be there) and before the server
/// listens. Then it follows what other hosts sharing the database changed: webhooks created, created again,
/// enabled, disabled or deleted through them are served, flipped or dropped here too. The store's change signal
/// (<see cref="StoreSignalKinds.Hooks"/>: PostgreSQL's <c>NOTIFY</c>, SQLite's signal files) wakes it as soon as
/// the other host has committed; it also looks every second, the fallback when a signal is lost or the store has none.
/// </summary>
/// <remarks>
/// One read of the hook store a second, and one per signal. Tokens need no following: they are checked against the
/// token store on every request, so a regenerated or revoked one stops working on every host at once.
/// </remarks>
internal sealed class WebhookReconciler(
    DagWebhooks webhooks,
    TimeProvider clock,
    ILogger<WebhookReconciler> logger,
    IStoreSignals? signals = null) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // Released by a signal; at most one wake-up waits, since the pass it starts reads every change before it.
    private readonly SemaphoreSlim _wake = new(0, 1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await webhooks.ReconcileAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = signals?.Subscribe(kind =>
        {
            if (kind == StoreSignalKinds.Hooks && _wake.CurrentCount == 0)
            {
                try
                {
                    _wake.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Already woken: the coming pass reads every change.
                }
            }
        });

        // The passes of the timer and of the signal do not overlap: DagWebhooks.ReconcileAsync serialises them.
        await Task.WhenAll(OnTimerAsync(stoppingToken), OnSignalAsync(stoppingToken)).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        base.Dispose();
        _wake.Dispose();
    }

    private async Task OnTimerAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await PassAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task OnSignalAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await _wake.WaitAsync(stoppingToken).ConfigureAwait(false);
                await PassAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        try
        {
            await webhooks.ReconcileAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            // A busy or briefly unreachable store (or a read that timed out) must not stop the loop: the next tick or signal tries again.
            Log.ReconcileFailed(logger, exception.Message);
        }
    }
}
