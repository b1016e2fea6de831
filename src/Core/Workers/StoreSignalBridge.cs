using Microsoft.Extensions.Hosting;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Delivery;
using Webhooks.Modular.Core.Runs;

namespace Webhooks.Modular.Core.Workers;

/// <summary>
/// Wakes this host's workers when the store says another host committed work (a shared database's notifications);
/// does nothing when the store has no signals (SQLite: one host, which wakes its own workers).
/// </summary>
internal sealed class StoreSignalBridge(IStoreSignals? signals, RunSignal runs, DeliverySignal deliveries, DestinationCatalog catalog) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = signals?.Subscribe(kind =>
        {
            switch (kind)
            {
                case StoreSignalKinds.Runs:
                    runs.Notify();
                    break;
                case StoreSignalKinds.Deliveries:
                    deliveries.Notify();
                    break;
                case StoreSignalKinds.Destinations:
                    _ = catalog.ReloadAsync(CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
                    break;
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
