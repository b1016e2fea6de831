namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// A position in an <see cref="IEventFeed"/>, ordered by <paramref name="Epoch"/> then <paramref name="Sequence"/>. What
/// the two numbers mean is the store's business (one writer needs only a sequence; a shared database orders by the
/// committing transaction first).
/// </summary>
/// <param name="Epoch">The major part.</param>
/// <param name="Sequence">The minor part.</param>
public readonly record struct EventFeedPosition(long Epoch, long Sequence) : IComparable<EventFeedPosition>
{
    /// <summary>Before every event.</summary>
    public static EventFeedPosition Start { get; }

    /// <inheritdoc />
    public int CompareTo(EventFeedPosition other)
    {
        var epoch = Epoch.CompareTo(other.Epoch);
        return epoch != 0 ? epoch : Sequence.CompareTo(other.Sequence);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Epoch}:{Sequence}";
}
