namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>Stores inbound events together with the runs they start.</summary>
public interface IEventStore
{
    /// <summary>
    /// Commits the event, its runs and its idempotency key in one transaction. Returns only once they are
    /// durable. A key or run id already present makes it a duplicate, and nothing is written.
    /// </summary>
    /// <param name="webhook">What to commit.</param>
    /// <param name="cancellationToken">Cancels waiting (the write may still commit).</param>
    Task<AcceptResult> AcceptAsync(AcceptedWebhook webhook, CancellationToken cancellationToken);

    /// <summary>An event by id, or <c>null</c>.</summary>
    /// <param name="id">The event's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<WebhookEvent?> GetEventAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The most recent events, newest first, optionally only those of one subject.</summary>
    /// <param name="subject">An exact subject, or <c>null</c> for all.</param>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<WebhookEvent>> ListEventsAsync(string? subject, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes up to <paramref name="max"/> idempotency keys that expired before <paramref name="now"/>; returns how many.</summary>
    /// <param name="now">The present.</param>
    /// <param name="max">How many at most, so that one purge never holds the writer for long.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<int> PurgeExpiredIdempotencyKeysAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>The event and runs an unexpired idempotency key points at, or <c>null</c>.</summary>
    /// <param name="scope">The key's scope.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<AcceptResult?> FindIdempotencyKeyAsync(string scope, string key, CancellationToken cancellationToken);
}
