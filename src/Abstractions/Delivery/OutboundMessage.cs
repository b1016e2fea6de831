namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>One attempt of a delivery.</summary>
/// <param name="DeliveryId">Stays the same across the delivery's retries.</param>
/// <param name="EventType">The event type, such as <c>run.completed</c>.</param>
/// <param name="RequestId">The inbound request the delivery traces back to, if any.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Payload">The body to send.</param>
/// <param name="Timestamp">The time the delivery is signed with.</param>
public sealed record OutboundMessage(
    string DeliveryId, string EventType, string? RequestId, int Attempt, ReadOnlyMemory<byte> Payload, DateTimeOffset Timestamp);
