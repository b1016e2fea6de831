namespace Webhooks.Modular.Surfaces.Danube.Requests;

/// <summary>A valid <c>POST /v1/webhooks</c> body.</summary>
/// <param name="Url">The absolute https (or, when allowed, http) url.</param>
/// <param name="Events">The event types, each in the catalogue, no duplicates, at least one.</param>
/// <param name="Description">The description, or <c>null</c>.</param>
internal sealed record NewWebhook(string Url, IReadOnlyList<string> Events, string? Description);
