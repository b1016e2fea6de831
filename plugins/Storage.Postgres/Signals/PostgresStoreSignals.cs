using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Diagnostics;

namespace Webhooks.Modular.Storage.Postgres.Signals;

/// <summary>
/// This host's subscribers to work committed by any host. <see cref="NotificationListener"/> feeds it from the
/// schema's <c>LISTEN</c> connection; the stores send the notifications inside their transactions.
/// </summary>
internal sealed class PostgresStoreSignals : IStoreSignals
{
    private static readonly string[] Kinds = [StoreSignalKinds.Runs, StoreSignalKinds.Deliveries, StoreSignalKinds.Destinations, StoreSignalKinds.Hooks];

    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<string>[] _subscribers = [];

    /// <summary>Creates the hub.</summary>
    /// <param name="logger">Where a throwing subscriber is reported.</param>
    public PostgresStoreSignals(ILogger logger) => _logger = logger;

    /// <summary>Completes once the listener has issued its first <c>LISTEN</c>: from then on no commit is missed.</summary>
    public Task Listening => _listening.Task;

    /// <inheritdoc />
    public IDisposable Subscribe(Action<string> onSignal)
    {
        ArgumentNullException.ThrowIfNull(onSignal);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onSignal];
        }

        return new Subscription(this, onSignal);
    }

    /// <summary>Calls every subscriber with <paramref name="kind"/>, when it is one of <see cref="StoreSignalKinds"/>.</summary>
    /// <param name="kind">The notification's payload.</param>
    public void Publish(string kind)
    {
        var known = Array.Find(Kinds, k => string.Equals(k, kind, StringComparison.Ordinal));
        if (known is null)
        {
            return;
        }

        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(known);
            }
            catch (Exception e)
            {
                // The contract says subscribers do not throw; one that does must not silence the others or the listener.
                Log.SubscriberFailed(_logger, known, e.Message);
            }
        }
    }

    /// <summary>Calls every subscriber with every kind: after a reconnection, when signals may have been missed.</summary>
    public void PublishAll()
    {
        foreach (var kind in Kinds)
        {
            Publish(kind);
        }
    }

    /// <summary>Records that the listener is listening.</summary>
    public void MarkListening() => _listening.TrySetResult();

    private void Unsubscribe(Action<string> onSignal)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_subscribers, onSignal);
            if (index >= 0)
            {
                _subscribers = [.. _subscribers[..index], .. _subscribers[(index + 1)..]];
            }
        }
    }

    private sealed class Subscription(PostgresStoreSignals owner, Action<string> onSignal) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(onSignal);
            }
        }
    }
}
