namespace Webhooks.Modular.Surfaces.Danube.Requests;

/// <summary>A valid <c>POST /v1/events</c> body.</summary>
/// <param name="Event">The event type, in the catalogue.</param>
/// <param name="DataJson">The payload, a JSON object's text as sent.</param>
internal sealed record EventSubmission(string Event, string DataJson);
