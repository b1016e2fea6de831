using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>Reloads the destination catalog periodically, to pick up changes made by other processes.</summary>
internal sealed class DestinationCatalogRefresher(DestinationCatalog catalog, IOptions<DeliveryOptions> options, ILogger<DestinationCatalogRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!catalog.Available)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds));
        do
        {
            try
            {
                await catalog.ReloadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.DestinationsReloadFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
