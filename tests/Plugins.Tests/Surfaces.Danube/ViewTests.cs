using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Danube.Api;
using Webhooks.Modular.Surfaces.Danube.Api.Views;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Danube;

public sealed class ViewTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 8, 0, 0, 125, TimeSpan.FromHours(1));

    [Fact]
    public void The_created_answer_has_exactly_the_documented_fields_in_order()
    {
        var created = new CreatedDestination(Destination(description: null), "whsec_a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6");

        using var json = Serialize(CreatedWebhookView.From(created));

        Assert.Equal(["id", "url", "events", "is_active", "description", "secret"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("description").ValueKind);
        Assert.True(json.RootElement.GetProperty("is_active").GetBoolean());
        Assert.Equal("whsec_a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6", json.RootElement.GetProperty("secret").GetString());
    }

    [Fact]
    public void A_webhook_never_shows_its_secrets_and_a_cleared_description_is_null()
    {
        using var json = Serialize(WebhookView.From(Destination(description: string.Empty)));

        Assert.Equal(
            ["id", "url", "events", "is_active", "description", "disabled_reason", "created_at", "updated_at"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("description").ValueKind);
        Assert.Equal("2026-03-01T07:00:00.125Z", json.RootElement.GetProperty("created_at").GetString());
        Assert.DoesNotContain("protected-secret", json.RootElement.GetRawText());
    }

    [Fact]
    public void A_disabled_webhook_says_why()
    {
        var disabled = Destination(description: "d") with { IsActive = false, DisabledReason = "the destination answered 410 (Gone)" };

        var view = WebhookView.From(disabled);

        Assert.False(view.IsActive);
        Assert.Equal("the destination answered 410 (Gone)", view.DisabledReason);
    }

    [Theory]
    [InlineData(DeliveryStatus.Pending, "pending", "2026-03-01T07:05:00.125Z")]
    [InlineData(DeliveryStatus.Success, "success", null)]
    [InlineData(DeliveryStatus.Failed, "failed", null)]
    public void A_delivery_shows_its_status_and_when_it_is_next_tried_while_pending(DeliveryStatus status, string shown, string? next)
    {
        var delivery = new DeliveryRecord(
            "01a205f1-89de-7673-95f2-f77b741cd4ea", "w-1", Guid.CreateVersion7(), "workflow.failed", "application/json", [], status,
            3, 2, Created.AddMinutes(5), 7, null, null, Created, null, 503, "the destination answered 503 (Service Unavailable)");

        using var json = Serialize(DeliveryView.From(delivery));

        Assert.Equal(
            ["id", "event", "status", "response_status", "attempts", "created_at", "next_attempt_at", "last_error"],
            json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(shown, json.RootElement.GetProperty("status").GetString());
        Assert.Equal(503, json.RootElement.GetProperty("response_status").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("attempts").GetInt32());
        Assert.Equal(next, json.RootElement.GetProperty("next_attempt_at").GetString());
        Assert.Equal("the destination answered 503 (Service Unavailable)", json.RootElement.GetProperty("last_error").GetString());
    }

    [Fact]
    public void An_error_names_its_field_only_when_there_is_one()
    {
        Assert.Equal("""{"error":"url is required","field":"url"}""", JsonSerializer.Serialize(new ApiError("url is required", "url"), DanubeResults.Json));
        Assert.Equal("""{"error":"webhook 'x' not found"}""", JsonSerializer.Serialize(new ApiError("webhook 'x' not found"), DanubeResults.Json));
    }

    private static JsonDocument Serialize(object value) => JsonDocument.Parse(JsonSerializer.Serialize(value, DanubeResults.Json));

    private static DestinationRecord Destination(string? description) => new(
        "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "danube",
        "https://example.com/webhooks/danube",
        "POST",
        ["tool.execution.completed", "tool.execution.failed"],
        null,
        description,
        true,
        null,
        "http",
        "danube",
        SigningSchemes.Danube,
        [new DestinationSecret("protected-secret", null)],
        new Dictionary<string, string>(),
        null,
        null,
        RetryPolicy.Exponential,
        Created,
        Created,
        null);
}
