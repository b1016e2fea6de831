using System.Text;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>Builds the records the contracts take, with every field set, and compares what a store gives back.</summary>
internal static class Samples
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();
    private static readonly IReadOnlyDictionary<string, string[]> NoValues = new Dictionary<string, string[]>();

    /// <summary>A webhook for <paramref name="hook"/> with <paramref name="runs"/> runs of fresh ids.</summary>
    public static AcceptedWebhook Webhook(
        DateTimeOffset receivedAt,
        int runs = 1,
        IdempotencyKey? key = null,
        string hook = "deploy",
        int maxAttempts = 3,
        string? subject = null,
        IReadOnlyList<string>? runIds = null,
        IReadOnlyList<NewDelivery>? deliveries = null)
    {
        var id = Guid.CreateVersion7();
        var webhookEvent = new WebhookEvent(
            id,
            "req-" + id.ToString("N"),
            hook,
            "POST",
            "/hooks/" + hook,
            new Dictionary<string, string[]> { ["Content-Type"] = ["application/json"], ["X-Multi"] = ["one", "two"] },
            new Dictionary<string, string[]> { ["ref"] = ["main"] },
            Encoding.UTF8.GetBytes($$"""{"hook":"{{hook}}","id":"{{id}}"}"""),
            "127.0.0.1",
            receivedAt,
            subject ?? "event.webhook." + hook);
        var ids = runIds ?? Enumerable.Range(0, runs).Select(_ => Guid.CreateVersion7().ToString()).ToArray();
        var newRuns = ids.Select((runId, i) => new NewRun(runId, hook, "command", $$"""{"n":{{i}}}""", maxAttempts)).ToArray();
        return new AcceptedWebhook(webhookEvent, newRuns, key, deliveries);
    }

    /// <summary>A webhook that starts no run and carries <paramref name="deliveries"/> in its outbox.</summary>
    public static AcceptedWebhook WebhookWith(DateTimeOffset receivedAt, params NewDelivery[] deliveries) =>
        Webhook(receivedAt, runs: 0, deliveries: deliveries);

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

    /// <summary>A token of <paramref name="scope"/> whose hash is derived from <paramref name="id"/>.</summary>
    public static AuthTokenRecord Token(string id, string scope, DateTimeOffset createdAt, DateTimeOffset? expiresAt = null) => new(
        id, scope, Encoding.UTF8.GetBytes("hash-of-" + id), "wh_" + id[..Math.Min(id.Length, 4)], createdAt, expiresAt, null, "admin");

    /// <summary>A user.</summary>
    public static UserRecord User(string id, string username, DateTimeOffset createdAt, string role = "developer") => new(
        id, username, "AQAAAAIAAYagAAAAE" + id, role, createdAt, createdAt.AddMinutes(5));

    /// <summary>A credential.</summary>
    public static CredentialRecord Credential(string id, DateTimeOffset createdAt, string type = CredentialTypes.BearerToken) => new(
        id, "credential " + id, type, "protected:" + id, "sk-…" + id[^Math.Min(id.Length, 3)..], createdAt);

    /// <summary>Accepts one event per delivery (each its own event) and returns the deliveries as stored.</summary>
    public static async Task<DeliveryRecord[]> SeedDeliveriesAsync(IEventStore events, IDeliveryStore store, DateTimeOffset receivedAt, params NewDelivery[] deliveries)
    {
        var stored = new List<DeliveryRecord>();
        foreach (var delivery in deliveries)
        {
            Assert.True((await events.AcceptAsync(WebhookWith(receivedAt, delivery), CancellationToken.None)).Accepted);
            stored.Add(Assert.IsType<DeliveryRecord>(await store.GetDeliveryAsync(delivery.Id, CancellationToken.None)));
        }

        return [.. stored];
    }

    /// <summary>Asserts two events are the same field by field (headers, query and body by content).</summary>
    public static void AssertSame(WebhookEvent expected, WebhookEvent? actual)
    {
        Assert.NotNull(actual);
        AssertSameValues(expected.Headers, actual.Headers);
        AssertSameValues(expected.Query, actual.Query);
        Assert.Equal(expected.Body, actual.Body);
        Assert.Equal(
            expected with { Headers = NoValues, Query = NoValues, Body = [] },
            actual with { Headers = NoValues, Query = NoValues, Body = [] });
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
        Assert.Equal(expected.Retry.ScheduleSeconds ?? [], actual.Retry.ScheduleSeconds ?? []);
        Assert.Equal(
            expected with { EventTypes = [], Secrets = [], Headers = NoHeaders, Retry = RetryPolicy.None },
            actual with { EventTypes = [], Secrets = [], Headers = NoHeaders, Retry = RetryPolicy.None });
    }

    /// <summary>Asserts two deliveries are the same field by field (body by content).</summary>
    public static void AssertSame(DeliveryRecord expected, DeliveryRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Body, actual.Body);
        Assert.Equal(expected with { Body = [] }, actual with { Body = [] });
    }

    /// <summary>Asserts two tokens are the same field by field (hash by content).</summary>
    public static void AssertSame(AuthTokenRecord expected, AuthTokenRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Hash, actual.Hash);
        Assert.Equal(expected with { Hash = [] }, actual with { Hash = [] });
    }

    private static void AssertSameValues(IReadOnlyDictionary<string, string[]> expected, IReadOnlyDictionary<string, string[]> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, values) in expected)
        {
            Assert.Equal(values, actual[name]);
        }
    }
}
