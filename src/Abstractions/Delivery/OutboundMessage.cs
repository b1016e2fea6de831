namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>One attempt of a delivery, with everything the channel needs to send and sign it.</summary>
/// <param name="DeliveryId">Stays the same across the delivery's retries (the <c>webhook-id</c>).</param>
/// <param name="DestinationId">The destination it goes to.</param>
/// <param name="EventType">The event type, such as <c>run.completed</c>.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Url">Where to send it.</param>
/// <param name="Method">The HTTP method (POST unless the destination says otherwise).</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="Body">The body, the same bytes on every attempt.</param>
/// <param name="Headers">Extra headers: the destination's own and its credential's.</param>
/// <param name="Signing">The signature scheme (<see cref="SigningSchemes"/>).</param>
/// <param name="Secrets">Signing secrets in clear, newest first: during a rotation's grace period both sign.</param>
/// <param name="Timestamp">The time the attempt is signed with.</param>
public sealed record OutboundMessage(
    string DeliveryId,
    string DestinationId,
    string EventType,
    int Attempt,
    Uri Url,
    string Method,
    string ContentType,
    ReadOnlyMemory<byte> Body,
    IReadOnlyDictionary<string, string> Headers,
    string Signing,
    IReadOnlyList<string> Secrets,
    DateTimeOffset Timestamp);
