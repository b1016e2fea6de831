using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Kestra.Diagnostics;
using Webhooks.Modular.Surfaces.Kestra.Flows;

namespace Webhooks.Modular.Surfaces.Kestra.Hooks;

/// <summary>
/// Registers one run-time hook per webhook trigger at start: with the host's other start-up work, before the run
/// worker claims runs left from before a restart (their hooks must be there) and before the server listens. A trigger
/// the engine refuses (an unknown condition type, a condition's syntax error) stops the host with an error naming the
/// flow file, the flow, the trigger and the key.
/// </summary>
internal sealed class FlowHookRegistrar(FlowCatalog flows, KestraOptions options, IHookCatalog hooks, ILogger<FlowHookRegistrar> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var flow in flows.Flows)
        {
            foreach (var trigger in flow.Webhooks)
            {
                try
                {
                    hooks.Register(FlowHooks.Definition(flow, trigger, options.MaxBodyBytes).ToJsonString());
                }
                catch (PluginConfigurationException exception)
                {
                    throw new PluginConfigurationException(
                        flow.File, $"flow '{flow.DisplayName}' trigger '{trigger.Id}'", FlowHooks.FlowKey(exception.Key, trigger), exception.Problem, exception);
                }

                count++;
            }
        }

        Log.TriggersServed(logger, count, flows.Flows.Count, options.FlowsDirectory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
