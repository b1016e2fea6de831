namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>A delivery to create in the outbox, together with its event.</summary>
/// <param name="Id">The delivery's id (UUIDv7), the same on every attempt.</param>
/// <param name="DestinationId">Its destination.</param>
/// <param name="EventType">The event's type (its subject).</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="Body">The rendered body, sent unchanged on every attempt.</param>
/// <param name="NextAttemptAt">When to make the first attempt.</param>
public sealed record NewDelivery(string Id, string DestinationId, string EventType, string ContentType, byte[] Body, DateTimeOffset NextAttemptAt);
