using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Api.Management.Views;

/// <summary>A destination and its health; never its secrets.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Owner">Who manages it (<c>config</c>, a surface such as <c>danube</c>, ...).</param>
/// <param name="Url">Where it sends.</param>
/// <param name="EventTypes">The event types it subscribes to.</param>
/// <param name="Hook">The hook it is tied to, if any.</param>
/// <param name="Description">Its description.</param>
/// <param name="Enabled">Whether deliveries are sent.</param>
/// <param name="DisabledReason">Why it was disabled, if it was.</param>
/// <param name="Health"><c>healthy</c>, <c>failing</c> (failures since <paramref name="FailingSince"/>) or <c>disabled</c>.</param>
/// <param name="FailingSince">Since when every delivery has failed, if so.</param>
/// <param name="LastSuccessAt">When its latest successful delivery completed.</param>
/// <param name="Circuit">Its circuit breaker on this host: <c>closed</c>, <c>open</c> or <c>half-open</c>.</param>
/// <param name="CircuitOpenUntil">When an open circuit lets a trial through.</param>
/// <param name="SecretCount">How many signing secrets it holds (more than one during a rotation's grace).</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
internal sealed record DestinationView(
    string Id,
    string Owner,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Hook,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    string Health,
    DateTimeOffset? FailingSince,
    DateTimeOffset? LastSuccessAt,
    string Circuit,
    DateTimeOffset? CircuitOpenUntil,
    int SecretCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static DestinationView From(DestinationRecord destination, DateTimeOffset? lastSuccess, DestinationCircuit? circuit) => new(
        destination.Id,
        destination.Owner,
        destination.Url,
        destination.EventTypes,
        destination.HookName,
        destination.Description,
        destination.IsActive,
        destination.DisabledReason,
        !destination.IsActive ? "disabled" : destination.FailingSince is null ? "healthy" : "failing",
        destination.FailingSince,
        lastSuccess,
        circuit?.State ?? "unknown",
        circuit?.OpenUntil,
        destination.Secrets.Count,
        destination.CreatedAt,
        destination.UpdatedAt);
}
