using System.Text;
using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Deliveries;

public sealed class OutboxTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Accept_writes_the_outbox_with_the_event_in_one_commit()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("a", now), None);
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("b", now), None);
        var webhook = SampleDeliveries.Webhook(now, SampleDeliveries.Delivery("a", now, "to-a"), SampleDeliveries.Delivery("b", now, "to-b"));
        await db.Database.InitializeAsync(None);
        var commits = db.Writes.Commits;

        Assert.True((await db.Events.AcceptAsync(webhook, None)).Accepted);

        Assert.Equal(commits + 1, db.Writes.Commits);
        foreach (var id in new[] { "to-a", "to-b" })
        {
            var delivery = await db.Deliveries.GetDeliveryAsync(id, None);
            Assert.Equal(webhook.Event.Id, delivery!.EventId);
        }

        Assert.Equal(webhook.Event.Id.ToString(), await db.ScalarAsync("SELECT DISTINCT event_id FROM deliveries"));
    }

    [Fact]
    public async Task Duplicate_idempotency_key_writes_no_delivery()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        var key = new IdempotencyKey("deploy", "k", now.AddHours(1));
        await db.Events.AcceptAsync(SampleDeliveries.Webhook(now, SampleDeliveries.Delivery("d", now, "first")) with { IdempotencyKey = key }, None);

        var duplicate = await db.Events.AcceptAsync(
            SampleDeliveries.Webhook(now, SampleDeliveries.Delivery("d", now, "second")) with { IdempotencyKey = key }, None);

        Assert.False(duplicate.Accepted);
        Assert.Null(await db.Deliveries.GetDeliveryAsync("second", None));
        Assert.Equal(1L, await db.CountAsync("deliveries"));
    }

    [Fact]
    public async Task Duplicate_run_id_writes_no_delivery()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await db.Events.AcceptAsync(SampleWebhooks.Create(now, runIds: ["run-1"]), None);

        var duplicate = await db.Events.AcceptAsync(
            SampleWebhooks.Create(now, runIds: ["run-1"]) with { Deliveries = [SampleDeliveries.Delivery("d", now, "x")] }, None);

        Assert.False(duplicate.Accepted);
        Assert.Equal("run-id", duplicate.Conflict);
        Assert.Equal(0L, await db.CountAsync("deliveries"));
    }

    [Fact]
    public async Task Delivery_to_a_destination_deleted_meanwhile_is_left_out()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);

        var result = await db.Events.AcceptAsync(
            SampleDeliveries.Webhook(now, SampleDeliveries.Delivery("deleted", now, "lost"), SampleDeliveries.Delivery("d", now, "kept")), None);

        Assert.True(result.Accepted);
        Assert.Null(await db.Deliveries.GetDeliveryAsync("lost", None));
        Assert.NotNull(await db.Deliveries.GetDeliveryAsync("kept", None));
    }

    [Fact]
    public async Task Delivery_that_cannot_be_written_fails_the_whole_accept()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await SampleDeliveries.SeedAsync(db, SampleDeliveries.Delivery("d", now, "taken"));
        var webhook = SampleDeliveries.Webhook(now, SampleDeliveries.Delivery("d", now, "taken"));

        await Assert.ThrowsAsync<SqliteException>(() => db.Events.AcceptAsync(webhook, None));

        Assert.Null(await db.Events.GetEventAsync(webhook.Event.Id, None));
        Assert.Null(await db.Runs.GetRunAsync(webhook.Runs[0].Id, None));
    }

    [Fact]
    public async Task Completion_commits_the_outcome_event_its_runs_and_deliveries()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await db.Events.AcceptAsync(SampleWebhooks.Create(now), None);
        var run = Assert.Single(await db.Runs.ClaimAsync("worker", 1, Lease, None));
        db.Clock.Advance(TimeSpan.FromSeconds(4));
        var outcome = OutcomeEvent(db.Clock.UtcNow, "follow-up", SampleDeliveries.Delivery("d", db.Clock.UtcNow, "announce", "run.completed"));

        Assert.True(await db.Runs.CompleteAsync(run.Id, "worker", run.Attempt, RunResult.Success("ok"), outcome, None));

        Assert.Equal(RunStatus.Succeeded, (await db.Runs.GetRunAsync(run.Id, None))!.Status);
        var storedEvent = await db.Events.GetEventAsync(outcome.Event.Id, None);
        Assert.Equal("run.completed", storedEvent!.Subject);
        Assert.Equal(outcome.Event.Body, storedEvent.Body);
        var followUp = await db.Runs.GetRunAsync("follow-up", None);
        Assert.Equal(outcome.Event.Id, followUp!.EventId);
        Assert.Equal(RunStatus.Queued, followUp.Status);
        var delivery = await db.Deliveries.GetDeliveryAsync("announce", None);
        Assert.Equal(outcome.Event.Id, delivery!.EventId);
        Assert.Equal("run.completed", delivery.EventType);
        Assert.Equal(db.Clock.UtcNow, delivery.CreatedAt);

        // The outcome event's idempotency key, if a caller set one, is not stored.
        Assert.Equal(0L, await db.CountAsync("idempotency_keys"));
    }

    [Fact]
    public async Task Completion_refused_by_the_fence_writes_no_outcome_event()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", now), None);
        await db.Events.AcceptAsync(SampleWebhooks.Create(now), None);
        var lost = Assert.Single(await db.Runs.ClaimAsync("worker-1", 1, Lease, None));
        db.Clock.Advance(Lease);
        Assert.Single(await db.Runs.ClaimAsync("worker-2", 1, Lease, None));
        var outcome = OutcomeEvent(db.Clock.UtcNow, "follow-up", SampleDeliveries.Delivery("d", db.Clock.UtcNow, "announce"));

        Assert.False(await db.Runs.CompleteAsync(lost.Id, "worker-1", lost.Attempt, RunResult.Success(), outcome, None));

        Assert.Null(await db.Events.GetEventAsync(outcome.Event.Id, None));
        Assert.Null(await db.Runs.GetRunAsync("follow-up", None));
        Assert.Null(await db.Deliveries.GetDeliveryAsync("announce", None));
        Assert.Equal(1L, await db.CountAsync("events"));
    }

    [Fact]
    public async Task Outcome_event_that_cannot_be_written_leaves_the_run_running()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Events.AcceptAsync(SampleWebhooks.Create(now, runIds: ["existing"]), None);
        var run = Assert.Single(await db.Runs.ClaimAsync("worker", 1, Lease, None));

        // Its run id collides with the run being completed: the whole completion must be undone.
        var outcome = OutcomeEvent(now, "existing");
        await Assert.ThrowsAsync<SqliteException>(() => db.Runs.CompleteAsync(run.Id, "worker", run.Attempt, RunResult.Success(), outcome, None));

        var stored = await db.Runs.GetRunAsync(run.Id, None);
        Assert.Equal(RunStatus.Running, stored!.Status);
        Assert.Equal("worker", stored.LeaseOwner);
        Assert.Null(await db.Events.GetEventAsync(outcome.Event.Id, None));
        Assert.True(await db.Runs.CompleteAsync(run.Id, "worker", run.Attempt, RunResult.Success(), null, None));
    }

    private static AcceptedWebhook OutcomeEvent(DateTimeOffset at, string runId, params Abstractions.Delivery.NewDelivery[] deliveries)
    {
        var webhook = SampleWebhooks.Create(at, runIds: [runId], hook: "notify");
        return webhook with
        {
            Event = webhook.Event with { Subject = "run.completed", Body = Encoding.UTF8.GetBytes("""{"status":"succeeded"}""") },
            IdempotencyKey = new IdempotencyKey("notify", "ignored", at.AddHours(1)),
            Deliveries = deliveries,
        };
    }
}
