using Npgsql;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Events;

/// <summary>
/// <see cref="IEventFeed"/>: every committed event once, in commit order, after a position; named cursors that only
/// move forward. The NATS bus's relay reads its events this way.
/// </summary>
public sealed class EventFeedContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task The_feed_returns_committed_events_in_commit_order_after_a_position(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;

        // Ids (v7) and receive times deliberately out of order: the feed follows the commits, not either.
        var webhooks = Enumerable.Range(0, 5).Select(i => Samples.Webhook(now.AddSeconds(-i), runs: 0)).Reverse().ToArray();
        foreach (var webhook in webhooks)
        {
            Assert.True((await stores.Events.AcceptAsync(webhook, None)).Accepted);
        }

        // PostgreSQL shows an event once every transaction older than its commit has ended, anywhere in the cluster
        // (other tests run beside this one): wait for that, then the order and the pages are fixed.
        var all = await ReadAllWhenVisibleAsync(stores.Feed, webhooks.Length);
        Assert.Equal(webhooks.Select(w => w.Event.Id), all.Select(e => e.Event.Id));
        Samples.AssertSame(webhooks[0].Event, all[0].Event);
        Assert.Equal(all.Select(e => e.Position).Order(), all.Select(e => e.Position));

        var page = await stores.Feed.ReadAfterAsync(EventFeedPosition.Start, 2, None);
        Assert.Equal(webhooks.Take(2).Select(w => w.Event.Id), page.Select(e => e.Event.Id));
        var rest = await stores.Feed.ReadAfterAsync(page[^1].Position, 100, None);
        Assert.Equal(webhooks.Skip(2).Select(w => w.Event.Id), rest.Select(e => e.Event.Id));
        Assert.Empty(await stores.Feed.ReadAfterAsync(all[^1].Position, 100, None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_cursor_starts_at_the_beginning_and_only_moves_forward(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        Assert.Equal(EventFeedPosition.Start, await stores.Feed.GetCursorAsync("relay", None));

        await stores.Feed.SaveCursorAsync("relay", new EventFeedPosition(3, 10), None);
        Assert.Equal(new EventFeedPosition(3, 10), await stores.Feed.GetCursorAsync("relay", None));

        // A host that read the same batch later, or an older one, saves behind: ignored.
        await stores.Feed.SaveCursorAsync("relay", new EventFeedPosition(3, 9), None);
        await stores.Feed.SaveCursorAsync("relay", new EventFeedPosition(2, 50), None);
        Assert.Equal(new EventFeedPosition(3, 10), await stores.Feed.GetCursorAsync("relay", None));

        await stores.Feed.SaveCursorAsync("relay", new EventFeedPosition(4, 1), None);
        Assert.Equal(new EventFeedPosition(4, 1), await stores.Feed.GetCursorAsync("relay", None));
        Assert.Equal(EventFeedPosition.Start, await stores.Feed.GetCursorAsync("other", None));

        // Another host on the same database sees the same cursor.
        var other = await stores.OpenAnotherHostAsync();
        Assert.Equal(new EventFeedPosition(4, 1), await other.Feed!.GetCursorAsync("relay", None));
    }

    [Theory, PostgresStore]
    public async Task An_event_still_being_committed_holds_back_the_events_after_it(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var schema = ((PostgresStoreFixture)stores).Schema;
        var now = stores.Clock.UtcNow;
        var first = Samples.Webhook(now, runs: 0);
        await stores.Events.AcceptAsync(first, None);
        Assert.Single(await ReadAllWhenVisibleAsync(stores.Feed, 1));

        // Another host's transaction takes its sequence number and stays open while a later one commits.
        await using var connection = new NpgsqlConnection(PostgresEnvironment.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var slow = Guid.CreateVersion7();
        await using (var insert = new NpgsqlCommand(
            $"""
            INSERT INTO "{schema}".events (id, request_id, hook_name, method, path, headers, query, body, received_at, subject)
            VALUES (@id, 'slow', 'deploy', 'POST', '/hooks/deploy', @empty::json, @empty::json, ''::bytea, now(), 'event.webhook.deploy')
            """,
            connection,
            transaction))
        {
            insert.Parameters.AddWithValue("id", slow);
            insert.Parameters.AddWithValue("empty", "{}");
            await insert.ExecuteNonQueryAsync();
        }

        var later = Samples.Webhook(now, runs: 0);
        await stores.Events.AcceptAsync(later, None);

        var read = await stores.Feed.ReadAfterAsync(EventFeedPosition.Start, 100, None);
        Assert.Equal([first.Event.Id], read.Select(e => e.Event.Id));

        await transaction.CommitAsync();
        var after = (await ReadAllWhenVisibleAsync(stores.Feed, 3)).Skip(1).ToList();
        Assert.Equal([slow, later.Event.Id], after.Select(e => e.Event.Id));
    }

    private static async Task<IReadOnlyList<FeedEvent>> ReadAllWhenVisibleAsync(IEventFeed feed, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var all = await feed.ReadAfterAsync(EventFeedPosition.Start, 100, None);
            if (all.Count >= expected || DateTime.UtcNow > deadline)
            {
                return all;
            }

            await Task.Delay(50);
        }
    }
}
