using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Surfaces.Danube.Api.Views;

/// <summary>A subscription as the list, get and patch answers show it; never with its secret.</summary>
/// <param name="Id">Its UUID.</param>
/// <param name="Url">Where deliveries go.</param>
/// <param name="Events">The event types it receives.</param>
/// <param name="IsActive">Whether it receives deliveries (false when disabled by hand, by a 410, or after failing too long).</param>
/// <param name="Description">Its description, or <c>null</c>.</param>
/// <param name="DisabledReason">Why it was disabled, or <c>null</c>.</param>
/// <param name="CreatedAt">When it was created (ISO-8601 UTC).</param>
/// <param name="UpdatedAt">When it last changed (ISO-8601 UTC).</param>
internal sealed record WebhookView(
    string Id, string Url, IReadOnlyList<string> Events, bool IsActive, string? Description, string? DisabledReason, string CreatedAt, string UpdatedAt)
{
    public static WebhookView From(DestinationRecord destination) => new(
        destination.Id,
        destination.Url,
        destination.EventTypes,
        destination.IsActive,
        DescriptionOf(destination),
        destination.IsActive ? null : destination.DisabledReason,
        DanubeTimestamp.Format(destination.CreatedAt),
        DanubeTimestamp.Format(destination.UpdatedAt));

    /// <summary>A cleared description is stored empty and shown as <c>null</c>, as one never given.</summary>
    public static string? DescriptionOf(DestinationRecord destination) =>
        string.IsNullOrEmpty(destination.Description) ? null : destination.Description;
}
