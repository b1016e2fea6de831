using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Events;

public sealed class EventSubjectTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Subject_round_trips_and_events_are_listed_by_subject_newest_first()
    {
        await using var db = TestDatabase.Create();
        var first = SampleWebhooks.Create(db.Clock.UtcNow);
        await db.Events.AcceptAsync(first with { Event = first.Event with { Subject = "event.webhook.deploy" } }, None);
        db.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = SampleWebhooks.Create(db.Clock.UtcNow);
        await db.Events.AcceptAsync(second with { Event = second.Event with { Subject = "run.completed" } }, None);
        db.Clock.Advance(TimeSpan.FromSeconds(1));
        var third = SampleWebhooks.Create(db.Clock.UtcNow);
        await db.Events.AcceptAsync(third with { Event = third.Event with { Subject = "event.webhook.deploy" } }, None);

        var deploys = await db.Events.ListEventsAsync("event.webhook.deploy", 10, None);
        var all = await db.Events.ListEventsAsync(null, 2, None);

        Assert.Equal([third.Event.Id, first.Event.Id], deploys.Select(e => e.Id));
        Assert.All(deploys, e => Assert.Equal("event.webhook.deploy", e.Subject));
        Assert.Equal([third.Event.Id, second.Event.Id], all.Select(e => e.Id));
        Assert.Equal("run.completed", (await db.Events.GetEventAsync(second.Event.Id, None))!.Subject);
    }
}
