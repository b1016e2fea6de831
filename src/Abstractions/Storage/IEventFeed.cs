namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// Committed events in a stable order, for relays (an outbox) that forward them elsewhere: every event appears once,
/// at a position that only ever grows, and never behind a position already read. A store that offers it registers
/// it beside its <see cref="IEventStore"/>; a relay that needs it says so at start-up when the store has none.
/// </summary>
public interface IEventFeed
{
    /// <summary>
    /// Up to <paramref name="max"/> committed events after <paramref name="after"/>, in feed order. An event still being
    /// committed is left out (and everything after it), so a reader never skips it.
    /// </summary>
    /// <param name="after">The position of the last event read (<see cref="EventFeedPosition.Start"/> for all).</param>
    /// <param name="max">How many at most.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<FeedEvent>> ReadAfterAsync(EventFeedPosition after, int max, CancellationToken cancellationToken);

    /// <summary>The position a named reader saved last, or <see cref="EventFeedPosition.Start"/>.</summary>
    /// <param name="name">The reader's name.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<EventFeedPosition> GetCursorAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a named reader's position; a position behind the saved one is ignored, so that readers on several hosts
    /// sharing one cursor only move it forward.
    /// </summary>
    /// <param name="name">The reader's name.</param>
    /// <param name="position">The position of the last event it has handled.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task SaveCursorAsync(string name, EventFeedPosition position, CancellationToken cancellationToken);
}
