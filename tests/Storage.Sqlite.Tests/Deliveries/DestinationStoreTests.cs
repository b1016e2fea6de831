using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Deliveries;

public sealed class DestinationStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Created_destination_round_trips_every_field()
    {
        await using var db = TestDatabase.Create();
        var full = SampleDeliveries.Destination("d-full", db.Clock.UtcNow);
        var minimal = SampleDeliveries.MinimalDestination("d-min", db.Clock.UtcNow);

        Assert.True(await db.Deliveries.CreateDestinationAsync(full, None));
        Assert.True(await db.Deliveries.CreateDestinationAsync(minimal, None));

        SampleDeliveries.AssertSame(full, await db.Deliveries.GetDestinationAsync("d-full", None));
        var storedMinimal = await db.Deliveries.GetDestinationAsync("d-min", None);
        SampleDeliveries.AssertSame(minimal, storedMinimal);
        Assert.Null(storedMinimal!.Retry.ScheduleSeconds);
        Assert.Null(storedMinimal.FailingSince);
        Assert.Null(await db.Deliveries.GetDestinationAsync("nope", None));
    }

    [Fact]
    public async Task Stored_headers_are_found_regardless_of_case()
    {
        await using var db = TestDatabase.Create();
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("d", db.Clock.UtcNow), None);

        var stored = await db.Deliveries.GetDestinationAsync("d", None);

        Assert.Equal("acme", stored!.Headers["x-tenant"]);
    }

    [Fact]
    public async Task Creating_an_existing_id_is_refused_and_changes_nothing()
    {
        await using var db = TestDatabase.Create();
        var first = SampleDeliveries.Destination("d", db.Clock.UtcNow);
        await db.Deliveries.CreateDestinationAsync(first, None);

        var again = await db.Deliveries.CreateDestinationAsync(first with { Url = "https://other.example/" }, None);

        Assert.False(again);
        Assert.Equal(first.Url, (await db.Deliveries.GetDestinationAsync("d", None))!.Url);
    }

    [Fact]
    public async Task Update_replaces_every_column_but_id_and_creation_time()
    {
        await using var db = TestDatabase.Create();
        var original = SampleDeliveries.Destination("d", db.Clock.UtcNow);
        await db.Deliveries.CreateDestinationAsync(original, None);
        var later = db.Clock.UtcNow.AddHours(3);
        var changed = new DestinationRecord(
            "d",
            "dograh",
            "http://127.0.0.1:8080/hook",
            "POST",
            ["workflow.done"],
            null,
            null,
            false,
            "answered 410 Gone",
            "rabbitmq",
            "dograh",
            SigningSchemes.Danube,
            [new DestinationSecret("protected-3", null)],
            new Dictionary<string, string> { ["Authorization"] = "Basic x" },
            null,
            null,
            RetryPolicy.Fixed(3, 10),
            later,
            later,
            null);

        Assert.True(await db.Deliveries.UpdateDestinationAsync(changed, None));

        SampleDeliveries.AssertSame(changed with { CreatedAt = original.CreatedAt }, await db.Deliveries.GetDestinationAsync("d", None));
    }

    [Fact]
    public async Task Update_of_an_unknown_destination_is_false_and_creates_nothing()
    {
        await using var db = TestDatabase.Create();

        Assert.False(await db.Deliveries.UpdateDestinationAsync(SampleDeliveries.Destination("ghost", db.Clock.UtcNow), None));
        Assert.Equal(0L, await db.CountAsync("destinations"));
    }

    [Fact]
    public async Task List_is_oldest_first_and_filters_by_owner()
    {
        await using var db = TestDatabase.Create();
        var t = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("c", t.AddMinutes(2), owner: "danube"), None);
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("a", t, owner: "danube"), None);
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.MinimalDestination("b", t.AddMinutes(1), owner: "dograh"), None);

        var all = await db.Deliveries.ListDestinationsAsync(null, None);
        var danube = await db.Deliveries.ListDestinationsAsync("danube", None);
        var nobody = await db.Deliveries.ListDestinationsAsync("app", None);

        Assert.Equal(["a", "b", "c"], all.Select(d => d.Id));
        Assert.Equal(["a", "c"], danube.Select(d => d.Id));
        Assert.Empty(nobody);
    }

    [Fact]
    public async Task Delete_removes_the_destination_its_deliveries_and_their_attempts_only()
    {
        await using var db = TestDatabase.Create();
        var now = db.Clock.UtcNow;
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("gone", now), None);
        await db.Deliveries.CreateDestinationAsync(SampleDeliveries.Destination("kept", now), None);
        var webhook = SampleDeliveries.Webhook(
            now, SampleDeliveries.Delivery("gone", now, "g1"), SampleDeliveries.Delivery("gone", now, "g2"), SampleDeliveries.Delivery("kept", now, "k1"));
        await db.Events.AcceptAsync(webhook, None);
        foreach (var claimed in await db.Deliveries.ClaimDueAsync("w", 10, 10, [], now, TimeSpan.FromMinutes(1), None))
        {
            var attempt = new DeliveryAttemptRecord(claimed.Id, 1, now, TimeSpan.FromMilliseconds(5), 500, "oops", "HTTP 500");
            Assert.True(await db.Deliveries.RecordAttemptAsync(
                claimed.Id, "w", claimed.LeaseToken, attempt, new DeliveryOutcome(DeliveryStatus.Pending, now.AddMinutes(1), true, now, null), None));
        }

        Assert.True(await db.Deliveries.DeleteDestinationAsync("gone", None));
        Assert.False(await db.Deliveries.DeleteDestinationAsync("gone", None));

        Assert.Null(await db.Deliveries.GetDestinationAsync("gone", None));
        Assert.Null(await db.Deliveries.GetDeliveryAsync("g1", None));
        Assert.Empty(await db.Deliveries.ListAttemptsAsync("g2", None));
        Assert.NotNull(await db.Deliveries.GetDeliveryAsync("k1", None));
        Assert.Single(await db.Deliveries.ListAttemptsAsync("k1", None));
        Assert.Equal(1L, await db.CountAsync("deliveries"));
        Assert.Equal(1L, await db.CountAsync("delivery_attempts"));

        // The event stays: it is the record of what happened, and other destinations' deliveries point at it.
        Assert.NotNull(await db.Events.GetEventAsync(webhook.Event.Id, None));
    }
}
