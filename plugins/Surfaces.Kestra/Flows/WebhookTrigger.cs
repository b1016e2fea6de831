namespace Webhooks.Modular.Surfaces.Kestra.Flows;

/// <summary>A webhook trigger of a flow.</summary>
/// <param name="Id">The trigger's <c>id</c>.</param>
/// <param name="Index">Its position in the flow's <c>triggers</c>, for error messages.</param>
/// <param name="Key">The key, resolved (<c>env:</c> and <c>file:</c> references read) and trimmed.</param>
/// <param name="KeyHash">The key's SHA-256, to find the trigger a request's key names in constant time.</param>
/// <param name="Disabled">The trigger's own <c>disabled</c>.</param>
/// <param name="Conditions">Its conditions, all of which must hold.</param>
/// <param name="HookName">The run-time hook that serves it.</param>
internal sealed record WebhookTrigger(
    string Id,
    int Index,
    string Key,
    byte[] KeyHash,
    bool Disabled,
    IReadOnlyList<FlowCondition> Conditions,
    string HookName);
