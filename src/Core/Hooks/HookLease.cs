using Webhooks.Modular.Core.Plugins.Reloading;

namespace Webhooks.Modular.Core.Hooks;

/// <summary>
/// A request's hold on the hook it started with: while it is held, the reloadable plugin builds the hook was made
/// from stay loaded, even when a newer build has replaced them for new requests.
/// </summary>
internal sealed class HookLease : IDisposable
{
    private IReadOnlyList<PluginGeneration>? _generations;

    public HookLease(Hook hook, IReadOnlyList<PluginGeneration> generations)
    {
        Hook = hook;
        _generations = generations;
    }

    public Hook Hook { get; }

    public void Dispose()
    {
        var generations = Interlocked.Exchange(ref _generations, null);
        if (generations is null)
        {
            return;
        }

        foreach (var generation in generations)
        {
            generation.Release();
        }
    }
}
