namespace Webhooks.Modular.Surfaces.Kestra.Flows;

/// <summary>A flow as this surface serves and runs it.</summary>
/// <param name="Id">The flow's <c>id</c>.</param>
/// <param name="Namespace">Its <c>namespace</c>.</param>
/// <param name="Revision">Its <c>revision</c> when the file gives one, else 1.</param>
/// <param name="Disabled">Its <c>disabled</c>: a disabled flow answers 409 to its webhooks.</param>
/// <param name="File">The YAML file it was read from (absolute).</param>
/// <param name="Tasks">Its tasks, in order; at least one.</param>
/// <param name="Webhooks">Its webhook triggers (other trigger types are not served here).</param>
internal sealed record FlowDefinition(
    string Id,
    string Namespace,
    int Revision,
    bool Disabled,
    string File,
    IReadOnlyList<FlowTask> Tasks,
    IReadOnlyList<WebhookTrigger> Webhooks)
{
    /// <summary>How errors and logs name the flow: <c>namespace.id</c>, as Kestra writes it.</summary>
    public string DisplayName => $"{Namespace}.{Id}";
}
