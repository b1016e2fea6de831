namespace Webhooks.Modular.Surfaces.DagNats.Triggers;

/// <summary>A trigger as its creator described it; never holds a secret.</summary>
/// <param name="Name">The trigger's name.</param>
/// <param name="Kind"><see cref="TriggerKind.Webhook"/> or <see cref="TriggerKind.Event"/>.</param>
/// <param name="Workflow">The workflow it starts.</param>
/// <param name="Subject">An event trigger's subject pattern.</param>
/// <param name="Filter">An event trigger's filter, if any.</param>
/// <param name="HasOwnSecret">A webhook trigger created with <c>--secret</c> (else it verifies with <c>DAGNATS_WEBHOOK_SECRET</c>).</param>
internal sealed record Trigger(string Name, string Kind, string Workflow, string? Subject, TriggerFilter? Filter, bool HasOwnSecret)
{
    public bool IsWebhook => Kind == TriggerKind.Webhook;

    /// <summary>Where it takes its events from: the endpoint of a webhook, the subject (and filter) of an event trigger.</summary>
    public string Source => IsWebhook
        ? $"POST /v1/webhooks/{Name}"
        : Filter is null ? Subject! : $"{Subject} where {Filter.Field} = {Filter.Value}";
}
