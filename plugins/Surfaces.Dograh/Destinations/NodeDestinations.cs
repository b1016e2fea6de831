using System.Globalization;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Dograh.Payloads;
using Webhooks.Modular.Surfaces.Dograh.Workflows;

namespace Webhooks.Modular.Surfaces.Dograh.Destinations;

/// <summary>How a webhook node becomes a destination of the delivery engine.</summary>
internal static class NodeDestinations
{
    /// <summary>The owner of every destination this surface declares.</summary>
    public const string Owner = "dograh";

    /// <summary>The events a webhook node receives: its workflow's runs, whether they succeeded or failed.</summary>
    public static IReadOnlyList<string> EventTypes { get; } = ["run.completed", "run.failed"];

    /// <summary><c>dograh-{workflowId}-{nodeId}</c>: stable across restarts, so declaring again updates it.</summary>
    /// <param name="workflowId">The workflow.</param>
    /// <param name="nodeId">The node.</param>
    public static string IdOf(int workflowId, string nodeId) =>
        string.Create(CultureInfo.InvariantCulture, $"dograh-{workflowId}-{nodeId}");

    /// <summary>The destination a node is declared as.</summary>
    /// <param name="workflow">The node's workflow.</param>
    /// <param name="node">The node.</param>
    public static DestinationSpec Spec(WorkflowSettings workflow, WebhookNode node) =>
        new(Owner, node.EndpointUrl.AbsoluteUri, EventTypes)
        {
            Id = IdOf(workflow.Id, node.Id),
            Method = node.HttpMethod,
            HookName = workflow.Hook,
            Description = $"Dograh workflow {workflow.Id} ({workflow.Name}) webhook node '{node.Id}' ({node.Name})",
            IsActive = node.Enabled,
            Channel = "http",
            Format = DograhPayloadFormat.FormatName,
            Signing = SigningSchemes.None,
            Headers = node.CustomHeaders,
            CredentialId = node.CredentialUuid,
            Template = new NodeTemplate(workflow.Id, workflow.Name, node.Id, node.Name, node.PayloadTemplate).ToJson(),
            Retry = node.Retry,
        };
}
