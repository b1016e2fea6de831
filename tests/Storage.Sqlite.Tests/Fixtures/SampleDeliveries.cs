using System.Text;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

/// <summary>Builds destinations and outbox deliveries for tests, and compares what the store gives back.</summary>
internal static class SampleDeliveries
{
    private static readonly byte[] NoBody = [];
    private static readonly IReadOnlyDictionary<string, string> EmptyHeaders = new Dictionary<string, string>();

    /// <summary>A destination with every field set to something other than its default.</summary>
    public static DestinationRecord Destination(string id, DateTimeOffset createdAt, string owner = "danube", bool isActive = true) => new(
        id,
        owner,
        "https://receiver.example/" + id,
        "PUT",
        ["order.*", "run.completed"],
        "deploy",
        "orders for " + id,
        isActive,
        isActive ? null : "disabled by hand",
        "http",
        "standard",
        SigningSchemes.StandardWebhooks,
        [new DestinationSecret("protected-new", null), new DestinationSecret("protected-old", createdAt.AddHours(24))],
        new Dictionary<string, string> { ["X-Tenant"] = "acme", ["X-Trace"] = "on" },
        "cred-1",
        """{"text":"{{event.type}}"}""",
        RetryPolicy.Exponential,
        createdAt,
        createdAt.AddMinutes(1),
        createdAt.AddSeconds(30));

    /// <summary>A destination whose optional fields are all empty.</summary>
    public static DestinationRecord MinimalDestination(string id, DateTimeOffset createdAt, string owner = "dograh") => new(
        id, owner, "http://127.0.0.1:9/" + id, "POST", ["*"], null, null, true, null, "http", "standard", SigningSchemes.None,
        [], new Dictionary<string, string>(), null, null, RetryPolicy.None, createdAt, createdAt, null);

    /// <summary>A delivery to create with an event.</summary>
    public static NewDelivery Delivery(string destinationId, DateTimeOffset nextAttemptAt, string? id = null, string eventType = "order.paid") => new(
        id ?? Guid.CreateVersion7().ToString(),
        destinationId,
        eventType,
        "application/json",
        Encoding.UTF8.GetBytes($$"""{"type":"{{eventType}}","to":"{{destinationId}}"}"""),
        nextAttemptAt);

    /// <summary>A webhook (one run) carrying <paramref name="deliveries"/> in its outbox.</summary>
    public static AcceptedWebhook Webhook(DateTimeOffset receivedAt, params NewDelivery[] deliveries) =>
        SampleWebhooks.Create(receivedAt) with { Deliveries = deliveries };

    /// <summary>Accepts one event per delivery, so each gets its own event, and returns the deliveries as stored.</summary>
    public static async Task<DeliveryRecord[]> SeedAsync(TestDatabase db, params NewDelivery[] deliveries)
    {
        var stored = new List<DeliveryRecord>();
        foreach (var delivery in deliveries)
        {
            Assert.True((await db.Events.AcceptAsync(Webhook(db.Clock.UtcNow, delivery), CancellationToken.None)).Accepted);
            stored.Add(Assert.IsType<DeliveryRecord>(await db.Deliveries.GetDeliveryAsync(delivery.Id, CancellationToken.None)));
        }

        return [.. stored];
    }

    /// <summary>Asserts two destinations are the same field by field (lists and dictionaries by content).</summary>
    public static void AssertSame(DestinationRecord expected, DestinationRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.EventTypes, actual.EventTypes);
        Assert.Equal(expected.Secrets, actual.Secrets);
        Assert.Equal(expected.Headers.OrderBy(h => h.Key, StringComparer.Ordinal), actual.Headers.OrderBy(h => h.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Retry.Kind, actual.Retry.Kind);
        Assert.Equal(expected.Retry.MaxRetries, actual.Retry.MaxRetries);
        Assert.Equal(expected.Retry.DelaySeconds, actual.Retry.DelaySeconds);
        Assert.Equal(expected.Retry.ScheduleSeconds, actual.Retry.ScheduleSeconds);

        // Everything else compares by value once the collections are taken out.
        Assert.Equal(
            expected with { EventTypes = [], Secrets = [], Headers = EmptyHeaders, Retry = RetryPolicy.None },
            actual with { EventTypes = [], Secrets = [], Headers = EmptyHeaders, Retry = RetryPolicy.None });
    }

    /// <summary>Asserts two deliveries are the same, body by content.</summary>
    public static void AssertSame(DeliveryRecord expected, DeliveryRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Body, actual.Body);
        Assert.Equal(expected with { Body = NoBody }, actual with { Body = NoBody });
    }
}
