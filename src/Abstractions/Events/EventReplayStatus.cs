namespace Webhooks.Modular.Abstractions.Events;

/// <summary>How an <see cref="IEventReplayer"/> replay went.</summary>
public enum EventReplayStatus
{
    /// <summary>A new event was committed (with runs when the conditions held).</summary>
    Replayed,

    /// <summary>No stored event has that id.</summary>
    NotFound,

    /// <summary>The event cannot go through a hook again (its hook is not served, or it was published, not received).</summary>
    NotReplayable,
}
