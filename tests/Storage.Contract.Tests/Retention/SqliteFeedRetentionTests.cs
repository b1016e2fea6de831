using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Retention;

/// <summary>
/// SQLite numbers every event in its relay feed (<c>event_feed</c>); purging an event must take its feed row too, or the
/// feed grows for ever on every deployment, with or without a relay.
/// </summary>
public sealed class SqliteFeedRetentionTests
{
    [Fact]
    public async Task Purging_events_deletes_their_feed_rows_and_keeps_the_rest()
    {
        await using var stores = (SqliteStoreFixture)await StoreFixture.CreateAsync(StoreKind.Sqlite);
        var old = stores.Clock.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await stores.Events.AcceptAsync(Samples.Webhook(old, runs: 0), CancellationToken.None)).Accepted);
        }

        stores.Clock.Advance(TimeSpan.FromDays(31));
        var kept = Samples.Webhook(stores.Clock.UtcNow, runs: 0);
        Assert.True((await stores.Events.AcceptAsync(kept, CancellationToken.None)).Accepted);
        Assert.Equal(6L, await FeedRowsAsync(stores.DatabasePath));

        var purged = 0;
        int batch;
        do
        {
            batch = await stores.Retention.PurgeAsync(
                new RetentionPurge(RetentionKind.Events, stores.Clock.UtcNow.AddDays(-30), 2), CancellationToken.None);
            purged += batch;
        }
        while (batch > 0);

        Assert.Equal(5, purged);
        Assert.Equal(1L, await FeedRowsAsync(stores.DatabasePath));
        var feed = await stores.Feed.ReadAfterAsync(await stores.Feed.GetCursorAsync("test", CancellationToken.None), 10, CancellationToken.None);
        Assert.Equal(kept.Event.Id, Assert.Single(feed).Event.Id);
    }

    private static async Task<long> FeedRowsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM event_feed";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
