using LiteDB;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Events;

/// <summary>
/// Events in commit order: the file has one writer, so the <c>feed_seq</c> it gives each event inside its
/// transaction is the commit order, and a reader (who sees the last commit only) never sees a number before every
/// smaller one. Positions use only the sequence (epoch 0).
/// </summary>
internal sealed class LiteDbEventFeed(LiteDbDatabase database) : IEventFeed
{
    /// <inheritdoc />
    public Task<IReadOnlyList<FeedEvent>> ReadAfterAsync(EventFeedPosition after, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);

        // Every position of this feed has epoch 0: one with a later epoch is after all of them.
        if (after.Epoch > 0)
        {
            return Task.FromResult<IReadOnlyList<FeedEvent>>([]);
        }

        return database.ReadAsync<IReadOnlyList<FeedEvent>>(
            db => db.GetCollection(Collections.Events).Query()
                .Where(Query.GT("feed_seq", after.Sequence))
                .OrderBy("$.feed_seq")
                .Limit(max)
                .ToEnumerable()
                .Select(d => new FeedEvent(new EventFeedPosition(0, d["feed_seq"].AsInt64), LiteDbEventStore.ReadEvent(d)))
                .ToList(),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<EventFeedPosition> GetCursorAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return database.ReadAsync(
            db => db.GetCollection(Collections.FeedCursors).FindById(name) is { } cursor
                ? new EventFeedPosition(cursor["epoch"].AsInt64, cursor["seq"].AsInt64)
                : EventFeedPosition.Start,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task SaveCursorAsync(string name, EventFeedPosition position, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return database.WriteAsync(
            db =>
            {
                // Compared inside the write, so two hosts saving at once still only move the cursor forward.
                var cursors = db.GetCollection(Collections.FeedCursors);
                if (cursors.FindById(name) is { } saved && new EventFeedPosition(saved["epoch"].AsInt64, saved["seq"].AsInt64).CompareTo(position) >= 0)
                {
                    return false;
                }

                return cursors.Upsert(new BsonDocument { ["_id"] = name, ["epoch"] = position.Epoch, ["seq"] = position.Sequence });
            },
            cancellationToken);
    }
}
