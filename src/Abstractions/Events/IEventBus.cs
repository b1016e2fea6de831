namespace Webhooks.Modular.Abstractions.Events;

/// <summary>
/// The event bus. An event has a subject (dot-separated tokens such as <c>event.webhook.github</c> or
/// <c>run.completed</c>), an id, a time and a JSON payload. It is stored, together with the runs of every
/// event trigger it matches, before anyone is told of it; an event that matches nothing is kept all the same.
/// Event triggers are hooks with a <c>subject</c> pattern (<c>*</c> one token, <c>&gt;</c> one or more trailing tokens).
/// Delivery is in-process; the contract leaves room for a broker or a shared database.
/// </summary>
public interface IEventBus
{
    /// <summary>Stores the event and starts the runs of the triggers it matches.</summary>
    /// <param name="subject">The subject (no wildcards).</param>
    /// <param name="payloadJson">The payload, a JSON text.</param>
    /// <param name="requestId">The inbound request the event traces back to, if any.</param>
    /// <param name="cancellationToken">Cancels waiting (the write may still commit).</param>
    Task<PublishedEvent> PublishAsync(string subject, string payloadJson, string? requestId, CancellationToken cancellationToken);

    /// <summary>Stores the event and starts the runs of the triggers it matches, with a publisher's id and origin.</summary>
    /// <param name="publication">The event.</param>
    /// <param name="cancellationToken">Cancels waiting (the write may still commit).</param>
    /// <exception cref="NotSupportedException">A bus that cannot take a given id or origin.</exception>
    Task<PublishedEvent> PublishAsync(EventPublication publication, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        return publication.EventId is null && publication.Via is null
            ? PublishAsync(publication.Subject, publication.PayloadJson, publication.RequestId, cancellationToken)
            : throw new NotSupportedException($"{GetType().Name} cannot publish with a given event id or origin");
    }
}
