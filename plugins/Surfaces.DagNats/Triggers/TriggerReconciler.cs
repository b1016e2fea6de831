using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.DagNats.Diagnostics;

namespace Webhooks.Modular.Surfaces.DagNats.Triggers;

/// <summary>
/// Keeps the served triggers in step with the hook store. Triggers are created and deleted by the <c>trigger</c> verb,
/// a separate process writing to the same database. The store's change signal (<see cref="StoreSignalKinds.Hooks"/>)
/// wakes the server as soon as the verb has committed, so the next request is served; the server also looks every
/// second (the fallback when a signal is lost or the store has none) and once at start, before the run worker claims
/// runs left over from before a restart: new or changed records are registered in the hook catalog, deleted ones removed.
/// </summary>
internal sealed class TriggerReconciler(
    IHookStore store,
    IHookCatalog catalog,
    ServedTriggers served,
    TimeProvider clock,
    ILogger<TriggerReconciler> logger,
    IStoreSignals? signals = null) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // One pass at a time: the timer's and the signal's passes share the dictionaries below.
    private readonly SemaphoreSlim _pass = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);

    // Trigger name -> the version (creation and definition) now registered, or the one that could not be (reported once, not every second).
    private readonly Dictionary<string, string> _registered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReconcileAsync(cancellationToken).ConfigureAwait(false);
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
        await Task.WhenAll(OnTimerAsync(stoppingToken), OnSignalAsync(stoppingToken)).ConfigureAwait(false);
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
            await ReconcileAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A busy or briefly unreachable store must not stop the loop: the next tick or signal tries again.
            Log.ReconcileFailed(logger, exception.Message);
        }
    }

    /// <summary>One pass: register what is new or changed, remove what is gone.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    internal async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReconcileOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in await store.ListHooksAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!record.Name.StartsWith(TriggerNames.HookPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (StoredTrigger.From(record) is not { } stored)
            {
                if (_unreadable.Add(record.Name))
                {
                    Log.UnreadableRecord(logger, record.Name);
                }

                continue;
            }

            var name = stored.Trigger.Name;
            seen.Add(name);
            if (_registered.TryGetValue(name, out var registered) && registered == stored.Version)
            {
                if (catalog.IsEnabled(TriggerNames.HookName(name)) != record.Enabled)
                {
                    catalog.SetEnabled(TriggerNames.HookName(name), record.Enabled);
                }

                continue;
            }

            if (_refused.TryGetValue(name, out var refused) && refused == stored.Version)
            {
                continue;
            }

            Register(stored);
        }

        foreach (var name in _registered.Keys.Where(name => !seen.Contains(name)).ToArray())
        {
            catalog.Remove(TriggerNames.HookName(name));
            served.Remove(name);
            _registered.Remove(name);
            Log.TriggerRemoved(logger, name);
        }

        foreach (var name in _refused.Keys.Where(name => !seen.Contains(name)).ToArray())
        {
            _refused.Remove(name);
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _pass.Dispose();
        _wake.Dispose();
    }

    private void Register(StoredTrigger stored)
    {
        var trigger = stored.Trigger;
        var hook = TriggerNames.HookName(trigger.Name);
        try
        {
            catalog.Register(stored.HookDefinition);
            catalog.SetEnabled(hook, stored.Enabled);
        }
        catch (PluginConfigurationException exception)
        {
            // Say why once; until the record changes, it is not tried again. A changed trigger that no longer builds
            // stops being served rather than being served as it was.
            if (_registered.Remove(trigger.Name))
            {
                catalog.Remove(hook);
                served.Remove(trigger.Name);
            }

            _refused[trigger.Name] = stored.Version;
            Log.TriggerNotServed(logger, trigger.Name, exception.Message);
            return;
        }

        _registered[trigger.Name] = stored.Version;
        _refused.Remove(trigger.Name);
        served.Set(trigger);
        Log.TriggerServed(logger, trigger.Kind, trigger.Name, trigger.Source, trigger.Workflow);
    }
}
