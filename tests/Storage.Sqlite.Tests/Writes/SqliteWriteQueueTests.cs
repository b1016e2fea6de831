using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;
using Xunit.Abstractions;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Writes;

public sealed class SqliteWriteQueueTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly ITestOutputHelper _output;

    public SqliteWriteQueueTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Concurrent_accepts_share_commits()
    {
        const int operations = 200;
        await using var db = TestDatabase.Create();
        await db.Database.InitializeAsync(None);
        var commitsBefore = db.Writes.Commits;
        var webhooks = Enumerable.Range(0, operations).Select(_ => SampleWebhooks.Create(db.Clock.UtcNow)).ToArray();

        var results = await Task.WhenAll(webhooks.Select(w => Task.Run(() => db.Events.AcceptAsync(w, None))));

        var commits = db.Writes.Commits - commitsBefore;
        _output.WriteLine($"{operations} accepts in {commits} commits");
        Assert.All(results, r => Assert.True(r.Accepted));
        Assert.Equal(operations, await db.CountAsync("events"));
        Assert.Equal(operations, await db.CountAsync("runs"));
        Assert.True(commits < operations, $"{operations} accepts took {commits} commits: none were shared");
    }

    [Fact]
    public async Task The_writer_runs_on_a_thread_of_its_own_not_the_thread_pool()
    {
        // The writer blocks in every commit (the disk sync): on a pool thread it held one of the pool's few threads
        // and its wake-up queued behind the requests waiting for it (docs/performance.md, issue 14).
        await using var db = TestDatabase.Create();
        await db.Database.InitializeAsync(None);

        var first = await db.Writes.WriteAsync(_ => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name, Environment.CurrentManagedThreadId), None);
        var second = await db.Writes.WriteAsync(_ => Environment.CurrentManagedThreadId, None);

        Assert.False(first.IsThreadPoolThread, "the write ran on a thread-pool thread");
        Assert.Equal("sqlite-writer", first.Name);
        Assert.Equal(first.CurrentManagedThreadId, second);
    }

    [Fact]
    public async Task Clients_waiting_for_their_own_commits_still_share_them()
    {
        // Closer to a server under load than a single burst: each client sends its next request only once
        // the previous one is acknowledged, so sharing happens only between clients.
        const int clients = 8;
        const int requestsPerClient = 25;
        await using var db = TestDatabase.Create();
        await db.Database.InitializeAsync(None);
        var commitsBefore = db.Writes.Commits;

        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < requestsPerClient; i++)
            {
                Assert.True((await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow), None)).Accepted);
            }
        })));

        var commits = db.Writes.Commits - commitsBefore;
        _output.WriteLine($"{clients} clients x {requestsPerClient} sequential accepts in {commits} commits");
        Assert.Equal(clients * requestsPerClient, await db.CountAsync("events"));
        Assert.True(commits < clients * requestsPerClient, $"{clients * requestsPerClient} accepts took {commits} commits: none were shared");
    }

    [Fact]
    public async Task Operations_queued_together_share_one_transaction()
    {
        await using var db = TestDatabase.Create();
        var commitsBefore = 0L;
        Task<AcceptResult>[] accepts;
        using (var hold = await db.HoldWriterAsync())
        {
            commitsBefore = db.Writes.Commits;
            accepts = Enumerable.Range(0, 10).Select(_ => db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow), None)).ToArray();
            await hold.ReleaseAsync();
        }

        await Task.WhenAll(accepts);

        // One commit for the holding operation's batch, one for the ten queued behind it.
        Assert.Equal(2, db.Writes.Commits - commitsBefore);
        Assert.Equal(10L, await db.CountAsync("events"));
    }

    [Fact]
    public async Task Failed_operation_in_a_batch_does_not_fail_the_others()
    {
        await using var db = TestDatabase.Create();
        var existing = SampleWebhooks.Create(db.Clock.UtcNow);
        await db.Events.AcceptAsync(existing, None);
        var before = new AcceptedWebhook[] { SampleWebhooks.Create(db.Clock.UtcNow), SampleWebhooks.Create(db.Clock.UtcNow) };
        var after = SampleWebhooks.Create(db.Clock.UtcNow);

        Task<AcceptResult>[] good;
        Task<AcceptResult> duplicateEvent;
        Task<int> halfDone;
        long batchesBefore;
        using (var hold = await db.HoldWriterAsync())
        {
            batchesBefore = db.Writes.Batches;
            var first = db.Events.AcceptAsync(before[0], None);

            // Same event id as one already stored, fresh run ids: the event insert breaks the primary key.
            duplicateEvent = db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow, eventId: existing.Event.Id), None);

            // Writes a row, then fails: its savepoint must take the row back with it.
            halfDone = db.Database.WriteAsync<int>(
                transaction =>
                {
                    using var command = transaction.Connection!.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = "INSERT INTO hooks (name, definition, enabled, created_at, updated_at) VALUES ('half', '{}', 1, 0, 0)";
                    command.ExecuteNonQuery();
                    throw new InvalidOperationException("failed after writing");
                },
                None);
            var second = db.Events.AcceptAsync(before[1], None);
            var third = db.Events.AcceptAsync(after, None);
            good = [first, second, third];
            await hold.ReleaseAsync();
        }

        var results = await Task.WhenAll(good);

        Assert.Equal(batchesBefore + 1, db.Writes.Batches);
        Assert.All(results, r => Assert.True(r.Accepted));
        var conflict = await Assert.ThrowsAsync<SqliteException>(() => duplicateEvent);
        Assert.Equal(19, conflict.SqliteErrorCode); // SQLITE_CONSTRAINT
        await Assert.ThrowsAsync<InvalidOperationException>(() => halfDone);
        Assert.Null(await db.Hooks.GetHookAsync("half", None));
        Assert.Equal(4L, await db.CountAsync("events"));
        Assert.Equal(4L, await db.CountAsync("runs"));
    }

    [Fact]
    public async Task Failed_commit_fails_every_operation_in_the_batch()
    {
        await using var db = TestDatabase.Create();
        var innocent = SampleWebhooks.Create(db.Clock.UtcNow);
        Task<AcceptResult> accept;
        Task<int> poison;
        using (var hold = await db.HoldWriterAsync())
        {
            accept = db.Events.AcceptAsync(innocent, None);

            // A deferred foreign key is checked only at COMMIT, so this operation succeeds and the commit fails.
            poison = db.Database.WriteAsync(
                transaction =>
                {
                    using var command = transaction.Connection!.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = """
                        PRAGMA defer_foreign_keys = ON;
                        INSERT INTO runs (id, event_id, request_id, hook_name, action_type, input, status, attempt, max_attempts, created_at, available_at)
                        VALUES ('orphan', 'no-such-event', 'req', 'h', 'a', '{}', 'queued', 0, 1, 0, 0);
                        """;
                    return command.ExecuteNonQuery();
                },
                None);
            await hold.ReleaseAsync();
        }

        await Assert.ThrowsAsync<SqliteException>(() => accept);
        await Assert.ThrowsAsync<SqliteException>(() => poison);
        Assert.Null(await db.Events.GetEventAsync(innocent.Event.Id, None));
        Assert.Equal(0L, await db.CountAsync("runs"));

        // The writer recovers: the next batch commits.
        var later = await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow), None);
        Assert.True(later.Accepted);
        Assert.Equal(1L, await db.CountAsync("events"));
    }

    [Fact]
    public async Task Results_are_released_only_after_the_commit()
    {
        await using var db = TestDatabase.Create();
        Task<AcceptResult> earlier;
        Task<bool> observer;
        using (var hold = await db.HoldWriterAsync())
        {
            earlier = db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow), None);

            // Runs after the accept, in the same transaction, before the commit: the accept must not be
            // answered however long this waits (it is given time for an early answer to arrive).
            observer = db.Database.WriteAsync(_ => earlier.Wait(TimeSpan.FromMilliseconds(500)), None);
            await hold.ReleaseAsync();
        }

        Assert.False(await observer, "the accept was answered before its transaction committed");
        Assert.True((await earlier).Accepted);
    }

    [Fact]
    public async Task Write_cancelled_before_the_writer_reaches_it_writes_nothing()
    {
        await using var db = TestDatabase.Create();
        var webhook = SampleWebhooks.Create(db.Clock.UtcNow);
        using var cancellation = new CancellationTokenSource();
        Task<AcceptResult> accept;
        using (var hold = await db.HoldWriterAsync())
        {
            accept = db.Events.AcceptAsync(webhook, cancellation.Token);
            await cancellation.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accept);
            await hold.ReleaseAsync();
        }

        await db.Hooks.UpsertHookAsync("after", "{}", None);
        Assert.Null(await db.Events.GetEventAsync(webhook.Event.Id, None));
    }

    [Fact]
    public async Task Disposal_finishes_queued_writes()
    {
        var db = TestDatabase.Create();
        Task<AcceptResult>[] accepts;
        ValueTask disposal;
        using (var hold = await db.HoldWriterAsync())
        {
            accepts = Enumerable.Range(0, 20).Select(_ => db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow), None)).ToArray();
            disposal = db.Database.DisposeAsync();
            await hold.ReleaseAsync();
        }

        await disposal;

        Assert.All(await Task.WhenAll(accepts), r => Assert.True(r.Accepted));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => db.Hooks.UpsertHookAsync("late", "{}", None));
        db = await db.ReopenAsync();
        try
        {
            Assert.Equal(20L, await db.CountAsync("events"));
        }
        finally
        {
            await db.DisposeAsync();
        }
    }
}
