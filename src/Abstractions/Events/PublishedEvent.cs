namespace Webhooks.Modular.Abstractions.Events;

/// <summary>An event as published: its id and the runs the matching triggers started.</summary>
/// <param name="EventId">The stored event.</param>
/// <param name="Subject">Its subject.</param>
/// <param name="RunIds">The runs started, one per matching trigger (empty when nothing matched).</param>
/// <param name="DeliveryIds">The deliveries created, one per subscribed destination.</param>
public sealed record PublishedEvent(Guid EventId, string Subject, IReadOnlyList<string> RunIds, IReadOnlyList<string>? DeliveryIds = null);
