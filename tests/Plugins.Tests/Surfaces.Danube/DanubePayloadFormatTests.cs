using System.Text;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Danube.Events;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Danube;

public sealed class DanubePayloadFormatTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Its_name_is_the_one_danube_subscriptions_use()
    {
        Assert.Equal("danube", new DanubePayloadFormat().Name);
    }

    [Fact]
    public void The_body_is_the_envelope_with_event_timestamp_and_data()
    {
        const string payload = """{"tool_id":"t-42","status":"completed","duration_ms":1250}""";
        var occurredAt = new DateTimeOffset(2026, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

        var rendered = new DanubePayloadFormat().Render(Destination(), Context("tool.execution.completed", occurredAt, payload));

        Assert.NotNull(rendered);
        Assert.Equal("application/json", rendered.ContentType);
        using var body = JsonDocument.Parse(rendered.Body);
        Assert.Equal(["event", "timestamp", "data"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("tool.execution.completed", body.RootElement.GetProperty("event").GetString());
        Assert.Equal("2026-03-14T15:09:26.535Z", body.RootElement.GetProperty("timestamp").GetString());
        Assert.Equal("t-42", body.RootElement.GetProperty("data").GetProperty("tool_id").GetString());
        Assert.Equal(1250, body.RootElement.GetProperty("data").GetProperty("duration_ms").GetInt32());
    }

    [Fact]
    public void The_timestamp_is_utc_whatever_the_offset_of_the_event_time()
    {
        var occurredAt = new DateTimeOffset(2026, 1, 1, 1, 30, 0, TimeSpan.FromHours(2));

        var rendered = new DanubePayloadFormat().Render(Destination(), Context("workflow.failed", occurredAt, "{}"))!;

        using var body = JsonDocument.Parse(rendered.Body);
        var timestamp = body.RootElement.GetProperty("timestamp").GetString()!;
        Assert.Equal("2025-12-31T23:30:00.000Z", timestamp);
        Assert.Equal(occurredAt, DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_payload_is_copied_byte_for_byte()
    {
        // Spacing, key order, number spelling and escapes as published: nothing is re-serialized.
        const string payload = "{ \"b\" : 1.50, \"a\":[true ,null], \"text\":\"caf\\u00e9 \\\"q\\\"\" }";

        var rendered = new DanubePayloadFormat().Render(Destination(), Context("agent.spend.limit_approaching", Created, payload))!;

        var text = Encoding.UTF8.GetString(rendered.Body);
        Assert.Equal("{\"event\":\"agent.spend.limit_approaching\",\"timestamp\":\"2026-03-01T08:00:00.000Z\",\"data\":" + payload + "}", text);
    }

    [Fact]
    public void A_payload_that_is_not_json_is_refused_rather_than_sent_broken()
    {
        Assert.ThrowsAny<JsonException>(() => new DanubePayloadFormat().Render(Destination(), Context("workflow.failed", Created, "{\"a\":")));
    }

    private static PayloadContext Context(string type, DateTimeOffset occurredAt, string payload) =>
        new(Guid.CreateVersion7(occurredAt), type, null, occurredAt, payload);

    private static DestinationRecord Destination() => new(
        "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "danube",
        "https://example.com/webhooks/danube",
        "POST",
        ["tool.execution.completed"],
        null,
        null,
        true,
        null,
        "http",
        "danube",
        SigningSchemes.Danube,
        [],
        new Dictionary<string, string>(),
        null,
        null,
        RetryPolicy.Exponential,
        Created,
        Created,
        null);
}
