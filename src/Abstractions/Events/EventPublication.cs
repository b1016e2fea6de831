namespace Webhooks.Modular.Abstractions.Events;

/// <summary>An event to publish, with the details a bridge from another system sets.</summary>
/// <param name="Subject">The subject (no wildcards).</param>
/// <param name="PayloadJson">The payload, a JSON text.</param>
public sealed record EventPublication(string Subject, string PayloadJson)
{
    /// <summary>The inbound request the event traces back to, if any.</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// The event's id, when the publisher has one already (a message id from a broker); <c>null</c> for a new one.
    /// An id already stored makes the publish fail, and nothing is written, so a redelivered message starts nothing twice.
    /// </summary>
    public Guid? EventId { get; init; }

    /// <summary>
    /// How the event arrived, stored as its method: <c>PUBLISH</c> when <c>null</c>. A bridge names itself (the NATS
    /// bus says <c>NATS</c>) so that its relay does not send an event back where it came from.
    /// </summary>
    public string? Via { get; init; }
}
