using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

namespace Webhooks.Modular.Storage.Contract.Tests.Deliveries;

/// <summary><see cref="IDeliveryStore"/>'s destinations: create, update, read, list, delete.</summary>
public sealed class DestinationContract
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task A_destination_is_stored_with_every_field_and_its_id_is_unique(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        var full = Samples.Destination("full", now);
        var minimal = Samples.MinimalDestination("minimal", now);

        Assert.True(await stores.Deliveries.CreateDestinationAsync(full, None));
        Assert.True(await stores.Deliveries.CreateDestinationAsync(minimal, None));
        Assert.False(await stores.Deliveries.CreateDestinationAsync(Samples.MinimalDestination("full", now, "impostor"), None));

        Samples.AssertSame(full, await stores.Deliveries.GetDestinationAsync("full", None));
        Samples.AssertSame(minimal, await stores.Deliveries.GetDestinationAsync("minimal", None));
        Assert.Null(await stores.Deliveries.GetDestinationAsync("nope", None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Update_replaces_an_existing_destination_only(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("d", now), None);
        var changed = Samples.Destination("d", now, isActive: false) with
        {
            Url = "https://elsewhere.example/hook",
            EventTypes = [">"],
            HookName = null,
            Secrets = [new DestinationSecret("rotated", null)],
            Headers = new Dictionary<string, string> { ["X-Only"] = "this" },
            CredentialId = null,
            Retry = RetryPolicy.Fixed(3, 10),
            UpdatedAt = now.AddHours(1),
            FailingSince = null,
        };

        Assert.True(await stores.Deliveries.UpdateDestinationAsync(changed, None));
        Assert.False(await stores.Deliveries.UpdateDestinationAsync(Samples.Destination("nope", now), None));

        Samples.AssertSame(changed, await stores.Deliveries.GetDestinationAsync("d", None));
        Assert.Null(await stores.Deliveries.GetDestinationAsync("nope", None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Destinations_are_listed_oldest_first_optionally_by_owner(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("c", now.AddMinutes(2), owner: "danube"), None);
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("a", now, owner: "danube"), None);
        await stores.Deliveries.CreateDestinationAsync(Samples.MinimalDestination("b", now.AddMinutes(1), owner: "dograh"), None);

        Assert.Equal(["a", "b", "c"], (await stores.Deliveries.ListDestinationsAsync(null, None)).Select(d => d.Id));
        var danube = await stores.Deliveries.ListDestinationsAsync("danube", None);
        Assert.Equal(["a", "c"], danube.Select(d => d.Id));
        Samples.AssertSame(Samples.Destination("c", now.AddMinutes(2), owner: "danube"), danube[1]);
        Assert.Empty(await stores.Deliveries.ListDestinationsAsync("nobody", None));
    }

    [Theory, SqliteStore, PostgresStore, LiteDbStore]
    public async Task Deleting_a_destination_deletes_its_deliveries_and_keeps_the_events(StoreKind store)
    {
        await using var stores = await StoreFixture.CreateAsync(store);
        var now = stores.Clock.UtcNow;
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("gone", now), None);
        await stores.Deliveries.CreateDestinationAsync(Samples.Destination("kept", now), None);
        var webhook = Samples.WebhookWith(now, Samples.Delivery("gone", now, "g1"), Samples.Delivery("kept", now, "k1"));
        await stores.Events.AcceptAsync(webhook, None);
        var claimed = await stores.Deliveries.ClaimDueAsync("w", 10, 10, [], now, TimeSpan.FromSeconds(30), None);
        var g1 = claimed.Single(d => d.Id == "g1");
        Assert.True(await stores.Deliveries.RecordAttemptAsync(
            "g1", "w", g1.LeaseToken, new DeliveryAttemptRecord("g1", 1, now, TimeSpan.FromMilliseconds(5), 500, "oops", "500"),
            new DeliveryOutcome(DeliveryStatus.Pending, now.AddMinutes(1), true, now, null), None));

        Assert.True(await stores.Deliveries.DeleteDestinationAsync("gone", None));
        Assert.False(await stores.Deliveries.DeleteDestinationAsync("gone", None));

        Assert.Null(await stores.Deliveries.GetDestinationAsync("gone", None));
        Assert.Null(await stores.Deliveries.GetDeliveryAsync("g1", None));
        Assert.Empty(await stores.Deliveries.ListDeliveriesAsync("gone", 10, None));
        Assert.Empty(await stores.Deliveries.ListAttemptsAsync("g1", None));
        Assert.NotNull(await stores.Deliveries.GetDeliveryAsync("k1", None));
        Assert.NotNull(await stores.Events.GetEventAsync(webhook.Event.Id, None));
    }
}
