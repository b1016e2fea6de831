using System.Text;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Events;

public sealed class SqliteEventStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Accept_commits_event_and_runs_together()
    {
        await using var db = TestDatabase.Create();
        var webhook = SampleWebhooks.Create(db.Clock.UtcNow, runs: 2);

        var result = await db.Events.AcceptAsync(webhook, None);

        Assert.True(result.Accepted);
        Assert.Null(result.Conflict);
        Assert.Equal(webhook.Event.Id, result.EventId);
        Assert.Equal(webhook.Runs.Select(r => r.Id), result.RunIds);

        var stored = await db.Events.GetEventAsync(webhook.Event.Id, None);
        Assert.NotNull(stored);
        Assert.Equal(webhook.Event.RequestId, stored.RequestId);
        foreach (var newRun in webhook.Runs)
        {
            var run = await db.Runs.GetRunAsync(newRun.Id, None);
            Assert.NotNull(run);
            Assert.Equal(webhook.Event.Id, run.EventId);
            Assert.Equal(webhook.Event.RequestId, run.RequestId);
            Assert.Equal(newRun.HookName, run.HookName);
            Assert.Equal(newRun.ActionType, run.ActionType);
            Assert.Equal(newRun.Input, run.Input);
            Assert.Equal(RunStatus.Queued, run.Status);
            Assert.Equal(0, run.Attempt);
            Assert.Equal(newRun.MaxAttempts, run.MaxAttempts);
            Assert.Equal(db.Clock.UtcNow, run.CreatedAt);
            Assert.Null(run.StartedAt);
            Assert.Null(run.LeaseOwner);
        }

        // Committed means on disk, not merely visible to this process.
        Assert.Equal(1L, await db.CountAsync("events"));
        Assert.Equal(2L, await db.CountAsync("runs"));
    }

    [Fact]
    public async Task Duplicate_idempotency_key_writes_nothing_and_returns_the_first_ids()
    {
        await using var db = TestDatabase.Create();
        var key = new IdempotencyKey("deploy", "delivery-1", db.Clock.UtcNow.AddHours(1));
        var first = SampleWebhooks.Create(db.Clock.UtcNow, runs: 2, key: key);
        var second = SampleWebhooks.Create(db.Clock.UtcNow, runs: 1, key: key);
        await db.Events.AcceptAsync(first, None);

        var result = await db.Events.AcceptAsync(second, None);

        Assert.False(result.Accepted);
        Assert.Equal("idempotency-key", result.Conflict);
        Assert.Equal(first.Event.Id, result.EventId);
        Assert.Equal(first.Runs.Select(r => r.Id), result.RunIds);
        Assert.Null(await db.Events.GetEventAsync(second.Event.Id, None));
        Assert.Null(await db.Runs.GetRunAsync(second.Runs[0].Id, None));
        Assert.Equal(1L, await db.CountAsync("events"));
        Assert.Equal(2L, await db.CountAsync("runs"));
    }

    [Fact]
    public async Task Same_key_in_another_scope_is_not_a_duplicate()
    {
        await using var db = TestDatabase.Create();
        var expires = db.Clock.UtcNow.AddHours(1);
        await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow, key: new("deploy", "k", expires)), None);

        var result = await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow, key: new("build", "k", expires)), None);

        Assert.True(result.Accepted);
    }

    [Fact]
    public async Task Expired_idempotency_key_is_replaced()
    {
        await using var db = TestDatabase.Create();
        var first = SampleWebhooks.Create(db.Clock.UtcNow, key: new("deploy", "k", db.Clock.UtcNow.AddMinutes(1)));
        await db.Events.AcceptAsync(first, None);
        db.Clock.Advance(TimeSpan.FromMinutes(2));
        var second = SampleWebhooks.Create(db.Clock.UtcNow, key: new("deploy", "k", db.Clock.UtcNow.AddMinutes(1)));

        var result = await db.Events.AcceptAsync(second, None);

        Assert.True(result.Accepted);
        var found = await db.Events.FindIdempotencyKeyAsync("deploy", "k", None);
        Assert.NotNull(found);
        Assert.Equal(second.Event.Id, found.EventId);
        Assert.Equal(1L, await db.CountAsync("idempotency_keys"));
    }

    [Fact]
    public async Task Find_idempotency_key_returns_the_event_and_runs_until_the_key_expires()
    {
        await using var db = TestDatabase.Create();
        var webhook = SampleWebhooks.Create(db.Clock.UtcNow, runs: 2, key: new("deploy", "k", db.Clock.UtcNow.AddMinutes(10)));
        await db.Events.AcceptAsync(webhook, None);
        var commits = db.Writes.Commits;

        var found = await db.Events.FindIdempotencyKeyAsync("deploy", "k", None);
        db.Clock.Advance(TimeSpan.FromMinutes(10));
        var expired = await db.Events.FindIdempotencyKeyAsync("deploy", "k", None);

        Assert.NotNull(found);
        Assert.Equal(webhook.Event.Id, found.EventId);
        Assert.Equal(webhook.Runs.Select(r => r.Id), found.RunIds);
        Assert.Equal("idempotency-key", found.Conflict);
        Assert.Null(expired);
        Assert.Null(await db.Events.FindIdempotencyKeyAsync("deploy", "other", None));
        Assert.Equal(commits, db.Writes.Commits);
    }

    [Fact]
    public async Task Duplicate_run_id_is_a_conflict()
    {
        await using var db = TestDatabase.Create();
        await db.Events.AcceptAsync(SampleWebhooks.Create(db.Clock.UtcNow, runIds: ["build-42"]), None);
        var second = SampleWebhooks.Create(
            db.Clock.UtcNow,
            runIds: ["fresh-run", "build-42"],
            key: new("deploy", "k2", db.Clock.UtcNow.AddHours(1)));

        var result = await db.Events.AcceptAsync(second, None);

        Assert.False(result.Accepted);
        Assert.Equal("run-id", result.Conflict);
        Assert.Null(result.EventId);
        Assert.Empty(result.RunIds);
        Assert.Null(await db.Events.GetEventAsync(second.Event.Id, None));
        Assert.Null(await db.Runs.GetRunAsync("fresh-run", None));
        Assert.Null(await db.Events.FindIdempotencyKeyAsync("deploy", "k2", None));
        Assert.Equal(1L, await db.CountAsync("events"));
    }

    [Fact]
    public async Task Run_id_repeated_within_one_request_is_a_conflict()
    {
        await using var db = TestDatabase.Create();
        var webhook = SampleWebhooks.Create(db.Clock.UtcNow, runIds: ["same", "same"]);

        var result = await db.Events.AcceptAsync(webhook, None);

        Assert.False(result.Accepted);
        Assert.Equal("run-id", result.Conflict);
        Assert.Equal(0L, await db.CountAsync("events"));
    }

    [Fact]
    public async Task Event_round_trips_headers_query_and_body_exactly()
    {
        await using var db = TestDatabase.Create();
        var body = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(Encoding.UTF8.GetBytes("é\0end")).ToArray();
        var template = SampleWebhooks.Create(db.Clock.UtcNow);
        var webhookEvent = template.Event with
        {
            Headers = new Dictionary<string, string[]>
            {
                ["Content-Type"] = ["application/octet-stream"],
                ["X-Multi"] = ["a", "b, c", ""],
                ["X-Unicode"] = ["☃ \"quoted\""],
            },
            Query = new Dictionary<string, string[]> { ["Token"] = ["[redacted]"], ["page"] = ["1", "2"] },
            Body = body,
            RemoteAddress = null,
            ReceivedAt = new DateTimeOffset(2025, 6, 1, 12, 0, 0, 123, TimeSpan.Zero),
        };
        await db.Events.AcceptAsync(template with { Event = webhookEvent }, None);

        var stored = await db.Events.GetEventAsync(webhookEvent.Id, None);

        Assert.NotNull(stored);
        Assert.Equal(body, stored.Body);
        Assert.Equal(["a", "b, c", ""], stored.Headers["x-multi"]);
        Assert.Equal(["application/octet-stream"], stored.Headers["CONTENT-TYPE"]);
        Assert.Equal(["☃ \"quoted\""], stored.Headers["X-Unicode"]);
        Assert.Equal(3, stored.Headers.Count);
        Assert.Equal(["[redacted]"], stored.Query["token"]);
        Assert.Equal(["1", "2"], stored.Query["PAGE"]);
        Assert.Null(stored.RemoteAddress);
        Assert.Equal(webhookEvent.ReceivedAt, stored.ReceivedAt);
        Assert.Equal(webhookEvent.Method, stored.Method);
        Assert.Equal(webhookEvent.Path, stored.Path);
        Assert.Equal(webhookEvent.HookName, stored.HookName);
    }

    [Fact]
    public async Task Empty_body_round_trips_as_empty()
    {
        await using var db = TestDatabase.Create();
        var template = SampleWebhooks.Create(db.Clock.UtcNow);
        var webhook = template with { Event = template.Event with { Body = [] } };
        await db.Events.AcceptAsync(webhook, None);

        var stored = await db.Events.GetEventAsync(webhook.Event.Id, None);

        Assert.NotNull(stored);
        Assert.Empty(stored.Body);
    }

    [Fact]
    public async Task Unknown_event_is_null()
    {
        await using var db = TestDatabase.Create();

        Assert.Null(await db.Events.GetEventAsync(Guid.CreateVersion7(), None));
    }
}
