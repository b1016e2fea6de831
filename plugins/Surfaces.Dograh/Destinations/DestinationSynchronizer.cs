using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Surfaces.Dograh.Diagnostics;
using Webhooks.Modular.Surfaces.Dograh.Workflows;

namespace Webhooks.Modular.Surfaces.Dograh.Destinations;

/// <summary>
/// At start, makes the engine's <c>dograh</c> destinations match the configured webhook nodes: each node is declared
/// (created, or brought in line with the file), and destinations of nodes no longer configured are deleted. A node the
/// engine refuses stops the host with an error naming the file, the node and the key.
/// </summary>
internal sealed class DestinationSynchronizer(
    WorkflowCatalog catalog,
    IDestinationManager destinations,
    ICredentialManager? credentials,
    ILogger logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var enabled = 0;
        foreach (var workflow in catalog.Workflows)
        {
            foreach (var node in workflow.Webhooks)
            {
                var spec = NodeDestinations.Spec(workflow.Settings, node);
                try
                {
                    await destinations.DeclareAsync(spec, cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException exception)
                {
                    throw new PluginConfigurationException(
                        workflow.Settings.File, $"node '{node.Id}'", KeyOf(exception.ParamName), Problem(exception), exception);
                }

                declared.Add(spec.Id!);
                enabled += node.Enabled ? 1 : 0;
                if (node.CredentialUuid is { } credentialId && credentials is not null
                    && await credentials.GetAsync(credentialId, cancellationToken).ConfigureAwait(false) is null)
                {
                    Log.CredentialMissing(logger, workflow.Settings.Id, node.Id, credentialId);
                }
            }
        }

        foreach (var stale in await destinations.ListAsync(NodeDestinations.Owner, cancellationToken).ConfigureAwait(false))
        {
            if (!declared.Contains(stale.Id) && await destinations.DeleteAsync(stale.Id, cancellationToken).ConfigureAwait(false))
            {
                Log.StaleDestinationDeleted(logger, stale.Id);
            }
        }

        Log.NodesDeclared(logger, declared.Count, enabled);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The node key behind a destination field the engine names.</summary>
    internal static string KeyOf(string? field) => field?.ToLowerInvariant() switch
    {
        "url" => "data.endpoint_url",
        "method" => "data.http_method",
        "headers" => "data.custom_headers",
        "credentialid" or "credential" => "data.credential_uuid",
        "retry" => "data.retry_config",
        "template" => "data.payload_template",
        null or "" => "data",
        _ => $"({field})",
    };

    private static string Problem(ArgumentException exception) =>
        exception.ParamName is { } name ? exception.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : exception.Message;
}
