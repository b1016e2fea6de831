using Microsoft.Extensions.Hosting;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Core.Hooks;

/// <summary>
/// At start, records every hook of the deployment (without its secrets) in the hook store. Hooks that surfaces
/// register at run time are theirs to persist, in their own shape, and are left alone.
/// </summary>
internal sealed class HookSynchronizer(HookRegistry hooks, IHookStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // All at once, so the store can group the writes into a few commits instead of two per hook.
        await Task.WhenAll(hooks.DeploymentHooks.Select(async hook =>
        {
            await store.UpsertHookAsync(hook.Name, hook.Summary, cancellationToken);
            await store.SetHookEnabledAsync(hook.Name, hook.Enabled, cancellationToken);
        }));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
