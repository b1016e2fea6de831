using Microsoft.Extensions.Hosting;

namespace Webhooks.Modular.Surfaces.Dagu.Webhooks;

/// <summary>
/// Serves the stored DAG webhooks again after a restart. It runs with the host's other start-up work, before the
/// run worker claims runs left over from before the restart (their hooks must be there) and before the server
/// listens.
/// </summary>
internal sealed class WebhookRestorer(DagWebhooks webhooks) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => webhooks.RestoreAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
