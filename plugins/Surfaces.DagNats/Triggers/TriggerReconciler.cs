using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.DagNats.Diagnostics;

namespace Webhooks.Modular.Surfaces.DagNats.Triggers;

/// <summary>
/// Keeps the served triggers in step with the hook store. Triggers are created and deleted by the <c>trigger</c> verb,
/// a separate process writing to the same database, so the server looks every second (and once at start, before the
/// run worker claims runs left over from before a restart): new or changed records are registered in the hook catalog,
/// deleted ones removed.
/// </summary>
internal sealed class TriggerReconciler(
    IHookStore store,
    IHookCatalog catalog,
    ServedTriggers served,
    TimeProvider clock,
    ILogger<TriggerReconciler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

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
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await ReconcileAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A busy or briefly unreachable store must not stop the loop: the next tick tries again.
                    Log.ReconcileFailed(logger, exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One pass: register what is new or changed, remove what is gone.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    internal async Task ReconcileAsync(CancellationToken cancellationToken)
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
