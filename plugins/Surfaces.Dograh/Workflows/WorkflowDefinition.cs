namespace Webhooks.Modular.Surfaces.Dograh.Workflows;

/// <summary>A configured workflow and the webhook nodes of its definition file.</summary>
/// <param name="Settings">Its entry in <c>workflows</c>.</param>
/// <param name="Webhooks">Its webhook nodes, in file order.</param>
internal sealed record WorkflowDefinition(WorkflowSettings Settings, IReadOnlyList<WebhookNode> Webhooks);
