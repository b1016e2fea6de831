namespace Webhooks.Modular.Abstractions.Events;

/// <summary>
/// Replays a stored webhook event through its hook again: the hook's conditions are evaluated anew over the stored
/// request, and a new event (same request id, its headers naming the original in <see cref="ReplayOfHeader"/>) is
/// committed with the hook's run, the event triggers' runs and the subscribed destinations' deliveries, as a new
/// request would be. Authentication and limits are not applied again: the original passed them.
/// </summary>
public interface IEventReplayer
{
    /// <summary>The stored header of a replayed event that names the event it replays.</summary>
    public const string ReplayOfHeader = "X-Webhooks-Replay-Of";

    /// <summary>Replays <paramref name="eventId"/>.</summary>
    /// <param name="eventId">The stored event.</param>
    /// <param name="cancellationToken">Cancels evaluating (the write, once queued, may commit).</param>
    Task<EventReplay> ReplayAsync(Guid eventId, CancellationToken cancellationToken);
}
