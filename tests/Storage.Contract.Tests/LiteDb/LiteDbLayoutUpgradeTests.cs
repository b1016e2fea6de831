using LiteDB;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;
using Webhooks.Modular.Storage.LiteDb.Configuration;
using Webhooks.Modular.Storage.LiteDb.Database;
using Webhooks.Modular.Storage.LiteDb.Deliveries;
using Webhooks.Modular.Storage.LiteDb.Events;
using Webhooks.Modular.Storage.LiteDb.Queries;

namespace Webhooks.Modular.Storage.Contract.Tests.LiteDb;

/// <summary>
/// Opening a layout 1 file (written before the event feed and the delivery order keys) upgrades it: its events join
/// the feed in receipt order, before every later event, and its deliveries are paged like new ones.
/// </summary>
public sealed class LiteDbLayoutUpgradeTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    // One fixed time for every write: the deliveries share a creation time, so their ids alone order them.
    private readonly ManualClock _clock = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "webhooks-litedb-upgrade-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_layout_1_file_gets_feed_numbers_in_receipt_order_and_delivery_order_keys()
    {
        var t0 = _clock.UtcNow;
        var webhooks = new[] { 2, 0, 1 }
            .Select(i => Samples.Webhook(t0.AddSeconds(i), runs: 0, deliveries: [Samples.Delivery("d", t0, "delivery-" + i)]))
            .ToArray();

        // A file as layout 1 left it: written by today's code, then stripped of what layout 2 added.
        await using (var database = Open())
        {
            Assert.True(await new LiteDbDeliveryStore(database).CreateDestinationAsync(Samples.Destination("d", t0), None));
            var events = new LiteDbEventStore(database);
            foreach (var webhook in webhooks)
            {
                Assert.True((await events.AcceptAsync(webhook, None)).Accepted);
            }

            await database.WriteAsync(
                db =>
                {
                    Strip(db.GetCollection(Collections.Events), "feed_seq");
                    Strip(db.GetCollection(Collections.Deliveries), "order");
                    db.GetCollection(Collections.Counters).Delete(LayoutUpgrade.FeedCounter);
                    return db.GetCollection(Collections.Meta).Upsert(new BsonDocument { ["_id"] = "layout", ["version"] = 1 });
                },
                None);
        }

        await using (var database = Open())
        {
            var feed = new LiteDbEventFeed(database);
            var later = Samples.Webhook(t0.AddSeconds(-10), runs: 0);
            Assert.True((await new LiteDbEventStore(database).AcceptAsync(later, None)).Accepted);

            var read = await feed.ReadAfterAsync(EventFeedPosition.Start, 100, None);

            Assert.Equal(
                webhooks.OrderBy(w => w.Event.ReceivedAt).Select(w => w.Event.Id).Append(later.Event.Id),
                read.Select(e => e.Event.Id));
            Assert.Equal(Enumerable.Range(1, 4).Select(i => new EventFeedPosition(0, i)), read.Select(e => e.Position));
            var deliveries = await new LiteDbManagementQueries(database).QueryDeliveriesAsync(new DeliveryQuery { DestinationId = "d", Limit = 2 }, None);
            Assert.Equal(["delivery-2", "delivery-1"], deliveries.Select(d => d.Id));
            var version = await database.ReadAsync(db => db.GetCollection(Collections.Meta).FindById("layout")["version"].AsInt32, None);
            Assert.Equal(LiteDbFile.LayoutVersion, version);
        }
    }

    private LiteDbDatabase Open() =>
        new(new LiteDbStorageOptions { Path = Path.Combine(_folder, "webhooks.litedb") }, _clock);

    private static int Strip(ILiteCollection<BsonDocument> collection, string field)
    {
        var documents = collection.FindAll().ToList();
        foreach (var document in documents)
        {
            document.Remove(field);
            collection.Update(document);
        }

        return documents.Count;
    }
}
