namespace Webhooks.Modular.Surfaces.DagNats.Triggers;

/// <summary>The two kinds of trigger.</summary>
internal static class TriggerKind
{
    /// <summary>An HTTP endpoint, <c>POST /v1/webhooks/{name}</c>.</summary>
    public const string Webhook = "webhook";

    /// <summary>A subscription to a subject on the event bus.</summary>
    public const string Event = "event";
}
