using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;
using Webhooks.Modular.Storage.LiteDb.Configuration;
using Webhooks.Modular.Storage.LiteDb.Database;
using Webhooks.Modular.Storage.LiteDb.Events;

namespace Webhooks.Modular.Storage.Contract.Tests.LiteDb;

/// <summary>Storage.LiteDb's single writer: concurrent accepts share commits, and one failing write spoils none of its batch.</summary>
public sealed class LiteDbWriterTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "webhooks-litedb-writer-" + Guid.NewGuid().ToString("N"));
    private LiteDbDatabase _database = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = new LiteDbDatabase(new LiteDbStorageOptions { Path = Path.Combine(_folder, "webhooks.litedb") }, TimeProvider.System);
        await _database.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Concurrent_accepts_share_commits_and_all_are_stored()
    {
        var events = new LiteDbEventStore(_database);
        var now = DateTimeOffset.UtcNow;
        var webhooks = Enumerable.Range(0, 200).Select(_ => Samples.Webhook(now)).ToArray();
        var before = (_database.Writes!.Commits, _database.Writes.CommittedOperations);

        var results = await Task.WhenAll(webhooks.Select(w => Task.Run(() => events.AcceptAsync(w, CancellationToken.None))));

        Assert.All(results, r => Assert.True(r.Accepted));
        var commits = _database.Writes.Commits - before.Commits;
        var operations = _database.Writes.CommittedOperations - before.CommittedOperations;
        Assert.Equal(200, operations);
        Assert.True(commits < operations, $"{commits} commits for {operations} accepts: no commit was shared");
        foreach (var webhook in webhooks)
        {
            Assert.NotNull(await events.GetEventAsync(webhook.Event.Id, CancellationToken.None));
        }
    }

    [Fact]
    public async Task A_write_that_throws_leaves_nothing_and_the_rest_of_its_batch_commits()
    {
        var events = new LiteDbEventStore(_database);
        var now = DateTimeOffset.UtcNow;
        Assert.True(await new Webhooks.Modular.Storage.LiteDb.Deliveries.LiteDbDeliveryStore(_database).CreateDestinationAsync(Samples.Destination("d", now), CancellationToken.None));
        var delivery = Samples.Delivery("d", now);
        var first = Samples.Webhook(now, runs: 1, deliveries: [delivery]);

        // A new event and run whose delivery id is taken: the event and the run are inserted before the delivery's insert
        // throws, so only a rollback of the whole operation leaves no trace of them.
        var clash = Samples.Webhook(now, runs: 1, deliveries: [delivery with { }]);
        var others = Enumerable.Range(0, 50).Select(_ => Samples.Webhook(now)).ToArray();
        await events.AcceptAsync(first, CancellationToken.None);

        var clashing = Task.Run(() => events.AcceptAsync(clash, CancellationToken.None));
        var rest = Task.WhenAll(others.Select(w => Task.Run(() => events.AcceptAsync(w, CancellationToken.None))));

        await Assert.ThrowsAnyAsync<Exception>(() => clashing);
        Assert.All(await rest, r => Assert.True(r.Accepted));
        var runs = new Webhooks.Modular.Storage.LiteDb.Runs.LiteDbRunQueue(_database);
        Assert.Null(await runs.GetRunAsync(clash.Runs[0].Id, CancellationToken.None));
        Assert.Null(await events.GetEventAsync(clash.Event.Id, CancellationToken.None));
        foreach (var webhook in others)
        {
            Assert.NotNull(await runs.GetRunAsync(webhook.Runs[0].Id, CancellationToken.None));
        }
    }
}
