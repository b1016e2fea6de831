namespace Webhooks.Modular.Surfaces.Danube.Requests;

/// <summary>A valid <c>PATCH /v1/webhooks/{id}</c> body: each field is <c>null</c> when the body leaves it.</summary>
/// <param name="Url">A new url.</param>
/// <param name="Events">New event types.</param>
/// <param name="Description">A new description; the empty string when the body clears it (<c>"description": null</c>).</param>
/// <param name="IsActive">Enable or disable.</param>
internal sealed record WebhookChanges(string? Url, IReadOnlyList<string>? Events, string? Description, bool? IsActive);
