using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Events;

/// <summary>
/// Events in commit order: the store has one writer, so the number the <c>events_to_feed</c> trigger gives each event
/// inside the writer's transaction is its commit order, and a reader never sees a number before a smaller one
/// commits. Positions use only the sequence (epoch 0).
/// </summary>
internal sealed class SqliteEventFeed : IEventFeed
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the feed.</summary>
    /// <param name="database">The shared database.</param>
    public SqliteEventFeed(SqliteDatabase database) => _database = database;

    /// <inheritdoc />
    public Task<IReadOnlyList<FeedEvent>> ReadAfterAsync(EventFeedPosition after, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        return _database.QueryAsync(
            $"""
            SELECT f.seq, {SqliteEventStore.EventColumns} FROM event_feed f JOIN events ON events.id = f.event_id
            WHERE f.seq > $after ORDER BY f.seq LIMIT $max
            """,
            [("$after", after.Epoch > 0 ? long.MaxValue : after.Sequence), ("$max", max)],
            reader => new FeedEvent(new EventFeedPosition(0, reader.GetInt64(0)), SqliteEventStore.ReadEvent(reader, 1)),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<EventFeedPosition> GetCursorAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var rows = await _database.QueryAsync(
            "SELECT epoch, seq FROM feed_cursors WHERE name = $name",
            [("$name", name)],
            reader => new EventFeedPosition(reader.GetInt64(0), reader.GetInt64(1)),
            cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? EventFeedPosition.Start : rows[0];
    }

    /// <inheritdoc />
    public Task SaveCursorAsync(string name, EventFeedPosition position, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO feed_cursors (name, epoch, seq) VALUES ($name, $epoch, $seq)
                    ON CONFLICT (name) DO UPDATE SET epoch = excluded.epoch, seq = excluded.seq
                    WHERE (feed_cursors.epoch, feed_cursors.seq) < (excluded.epoch, excluded.seq)
                    """;
                command.Parameters.AddWithValue("$name", name);
                command.Parameters.AddWithValue("$epoch", position.Epoch);
                command.Parameters.AddWithValue("$seq", position.Sequence);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }
}
