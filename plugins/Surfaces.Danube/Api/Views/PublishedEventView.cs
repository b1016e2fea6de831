namespace Webhooks.Modular.Surfaces.Danube.Api.Views;

/// <summary>The <c>POST /v1/events</c> answer (202).</summary>
/// <param name="EventId">The stored event.</param>
/// <param name="Deliveries">The deliveries created, one per active subscription to its type.</param>
internal sealed record PublishedEventView(string EventId, IReadOnlyList<string> Deliveries);
