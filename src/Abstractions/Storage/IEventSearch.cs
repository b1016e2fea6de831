namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// Finds stored events by their payload, for management APIs and consoles. Optional: a store that does not
/// implement it leaves payload search unavailable (searching by id still works).
/// </summary>
public interface IEventSearch
{
    /// <summary>
    /// Events whose raw body contains <paramref name="text"/> (its UTF-8 bytes, matched exactly, case-sensitive),
    /// newest first. It may read every stored body: meant for an operator's search, not for a hot path.
    /// </summary>
    /// <param name="text">What to find; not empty.</param>
    /// <param name="limit">How many at most (1 or more).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<WebhookEvent>> SearchEventBodiesAsync(string text, int limit, CancellationToken cancellationToken);
}
