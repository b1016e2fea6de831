using System.Collections.Concurrent;

namespace Webhooks.Modular.Surfaces.DagNats.Triggers;

/// <summary>The triggers this server serves right now, kept by <see cref="TriggerReconciler"/> and read by the routes.</summary>
internal sealed class ServedTriggers
{
    private readonly ConcurrentDictionary<string, Trigger> _triggers = new(StringComparer.Ordinal);

    /// <summary>The served trigger of that name, or <c>null</c>.</summary>
    /// <param name="name">The trigger's name.</param>
    public Trigger? Find(string name) => _triggers.GetValueOrDefault(name);

    public void Set(Trigger trigger) => _triggers[trigger.Name] = trigger;

    public void Remove(string name) => _triggers.TryRemove(name, out _);
}
