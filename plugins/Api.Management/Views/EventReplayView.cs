namespace Webhooks.Modular.Api.Management.Views;

/// <summary>An event replayed through its hook again.</summary>
/// <param name="ReplayOf">The original event.</param>
/// <param name="EventId">The new event (its headers carry <c>X-Webhooks-Replay-Of</c>, its request id is the original's).</param>
/// <param name="Triggered">Whether the hook's conditions held now; when not, the new event is stored and nothing runs.</param>
/// <param name="RunIds">The runs it queued (the hook's, then the event triggers').</param>
/// <param name="DeliveryIds">The deliveries it queued.</param>
internal sealed record EventReplayView(string ReplayOf, string EventId, bool Triggered, IReadOnlyList<string> RunIds, IReadOnlyList<string> DeliveryIds);
