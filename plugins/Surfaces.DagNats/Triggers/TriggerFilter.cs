namespace Webhooks.Modular.Surfaces.DagNats.Triggers;

/// <summary>An event trigger's filter: the payload's field at <paramref name="Field"/> must equal <paramref name="Value"/>.</summary>
/// <param name="Field">A dotted path into the payload, such as <c>pull_request.head.ref</c>.</param>
/// <param name="Value">The value it must have.</param>
internal sealed record TriggerFilter(string Field, string Value);
