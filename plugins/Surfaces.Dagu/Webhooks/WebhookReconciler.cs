using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Surfaces.Dagu.Diagnostics;

namespace Webhooks.Modular.Surfaces.Dagu.Webhooks;

/// <summary>
/// Keeps the served DAG webhooks in step with the hook store. At start it serves the stored webhooks again, before
/// the run worker claims runs left over from before a restart (their hooks must be there) and before the server
/// listens. Then, every second, it follows what other hosts sharing the database changed: webhooks created,
/// created again, enabled, disabled or deleted through them are served, flipped or dropped here too.
/// </summary>
/// <remarks>
/// One read of the hook store a second. Tokens need no following: they are checked against the token store on
/// every request, so a regenerated or revoked one stops working on every host at once.
/// </remarks>
internal sealed class WebhookReconciler(DagWebhooks webhooks, TimeProvider clock, ILogger<WebhookReconciler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await webhooks.ReconcileAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await webhooks.ReconcileAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // A busy or briefly unreachable store (or a read that timed out) must not stop the loop: the next tick tries again.
                    Log.ReconcileFailed(logger, exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
