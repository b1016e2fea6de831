using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Events;

/// <summary>
/// Events in a stable order across hosts: by the inserting transaction's id (<c>feed_tx</c>), then the insert's
/// sequence number, and only below the oldest transaction still running (<c>pg_snapshot_xmin</c>). Below that horizon
/// every transaction has committed or rolled back, so no row can later appear behind a position already read;
/// an event in a transaction still open waits (and everything after it) until it finishes.
/// </summary>
internal sealed class PostgresEventFeed : IEventFeed
{
    private readonly PostgresDatabase _database;
    private readonly string _read;
    private readonly string _getCursor;
    private readonly string _saveCursor;

    /// <summary>Creates the feed.</summary>
    /// <param name="database">The database.</param>
    public PostgresEventFeed(PostgresDatabase database)
    {
        _database = database;
        var s = database.Schema;
        _read = $"""
            SELECT feed_tx::text::bigint, feed_seq, {PostgresEventStore.EventColumns} FROM {s}.events
            WHERE (feed_tx, feed_seq) > (@epoch::text::xid8, @seq) AND feed_tx < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY feed_tx, feed_seq LIMIT @max
            """;
        _getCursor = $"SELECT epoch, seq FROM {s}.feed_cursors WHERE name = @name";
        _saveCursor = $"""
            INSERT INTO {s}.feed_cursors (name, epoch, seq) VALUES (@name, @epoch, @seq)
            ON CONFLICT (name) DO UPDATE SET epoch = EXCLUDED.epoch, seq = EXCLUDED.seq
            WHERE (feed_cursors.epoch, feed_cursors.seq) < (EXCLUDED.epoch, EXCLUDED.seq)
            """;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedEvent>> ReadAfterAsync(EventFeedPosition after, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return _database.QueryAsync(
            _read,
            [("epoch", after.Epoch), ("seq", after.Sequence), ("max", max)],
            reader => new FeedEvent(new EventFeedPosition(reader.GetInt64(0), reader.GetInt64(1)), PostgresEventStore.ReadEvent(reader, 2)),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<EventFeedPosition> GetCursorAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var rows = await _database.QueryAsync(
            _getCursor, [("name", name)], reader => new EventFeedPosition(reader.GetInt64(0), reader.GetInt64(1)), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? EventFeedPosition.Start : rows[0];
    }

    /// <inheritdoc />
    public Task SaveCursorAsync(string name, EventFeedPosition position, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _database.ExecuteAsync(_saveCursor, [("name", name), ("epoch", position.Epoch), ("seq", position.Sequence)], cancellationToken);
    }
}
