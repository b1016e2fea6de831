namespace Webhooks.Modular.Surfaces.DagNats.Api;

/// <summary>The answer to an accepted webhook: <c>{"run_id","event_id","subject","request_id"}</c>.</summary>
/// <param name="RunId">The run of the trigger's workflow.</param>
/// <param name="EventId">The event published (and stored) for the request.</param>
/// <param name="Subject">Its subject, <c>event.webhook.{name}</c>.</param>
/// <param name="RequestId">The request's id, also in <c>X-Request-Id</c>.</param>
internal sealed record WebhookAccepted(string? RunId, Guid? EventId, string Subject, string RequestId);
