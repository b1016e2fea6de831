using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Delivery;

/// <summary>Deliveries are created with the event that causes them, whatever the event's source; secrets stay encrypted.</summary>
public sealed class OutboxTests
{
    private static readonly object OrdersHook = new
    {
        name = "orders",
        auth = new { scheme = "none" },
        action = new { type = "in-process", settings = new { handler = "orders" } },
    };

    [Fact]
    public async Task An_accepted_webhook_and_its_deliveries_are_committed_together_and_the_body_is_the_standard_envelope()
    {
        await using var host = await DeliveryHost.StartAsync(
            hooks: [OrdersHook], configure: w => w.AddHandler("orders", (_, _) => Task.FromResult(RunResult.Success("ok"))));
        var destination = (await host.SubscribeAsync(RetryPolicy.Exponential, "event.webhook.orders")).Destination;

        var response = await host.Host.Client.PostAsJsonAsync("/hooks/orders", new { order = 7, total = 12.5 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var eventId = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("eventId").GetString()!);
        var delivery = Assert.Single(await host.Store.ListDeliveriesAsync(destination.Id, 10, CancellationToken.None));
        Assert.Equal(eventId, delivery.EventId);
        var received = Assert.Single(await host.Receiver.WaitForAsync(1));
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal("event.webhook.orders", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(7, body.RootElement.GetProperty("data").GetProperty("order").GetInt32());
        Assert.True(DateTimeOffset.TryParse(body.RootElement.GetProperty("timestamp").GetString(), out _));
        Assert.Equal("application/json", received.Header("Content-Type"));
    }

    [Fact]
    public async Task A_finished_run_is_delivered_to_destinations_that_follow_its_hook_only()
    {
        await using var host = await DeliveryHost.StartAsync(
            hooks: [OrdersHook], configure: w => w.AddHandler("orders", (run, _) => Task.FromResult(RunResult.Failure("card declined", "charging"))));
        await host.Destinations.CreateAsync(
            new DestinationSpec("test", host.Receiver.Url.ToString(), ["run.completed", "run.failed"]) { HookName = "orders" }, CancellationToken.None);
        await host.Destinations.CreateAsync(
            new DestinationSpec("test", new Uri(host.Receiver.Url, "/other").ToString(), ["run.*"]) { HookName = "invoices" }, CancellationToken.None);

        var response = await host.Host.Client.PostAsJsonAsync("/hooks/orders", new { customer = "Ada" });
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString();

        var received = Assert.Single(await host.Receiver.WaitForAsync(1));
        await DeliveryHost.SettleAsync();
        Assert.Single(host.Receiver.Requests);
        using var body = JsonDocument.Parse(received.Body);
        Assert.Equal("run.failed", body.RootElement.GetProperty("type").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(runId, data.GetProperty("runId").GetString());
        Assert.Equal("card declined", data.GetProperty("error").GetString());
        Assert.Equal("Ada", data.GetProperty("input").GetProperty("customer").GetString());
    }

    [Fact]
    public async Task Secrets_are_encrypted_at_rest_and_a_rotation_signs_with_both_secrets_during_the_grace_period()
    {
        await using var host = await DeliveryHost.StartAsync();
        var created = await host.SubscribeAsync(RetryPolicy.None);
        var first = created.Secret!;
        Assert.StartsWith("whsec_", first);
        Assert.True(Convert.FromBase64String(first["whsec_".Length..]).Length >= 24);

        var second = (await host.Destinations.RotateSecretAsync(created.Destination.Id, TimeSpan.FromHours(24), CancellationToken.None))!;
        await host.PublishAsync();
        var rotated = Assert.Single(await host.Receiver.WaitForAsync(1));

        var signatures = rotated.Header("webhook-signature")!.Split(' ');
        Assert.Equal(2, signatures.Length);
        Assert.Equal(Sign(second, rotated), signatures[0]);
        Assert.Equal(Sign(first, rotated), signatures[1]);

        // After the grace period only the new secret signs.
        host.Clock.Advance(TimeSpan.FromHours(25));
        await host.PublishAsync();
        var later = (await host.Receiver.WaitForAsync(2))[1];
        Assert.Equal(Sign(second, later), later.Header("webhook-signature"));

        // Neither secret, nor any part of its key, is in the database file.
        await host.StopAsync();
        var database = await File.ReadAllBytesAsync(Path.Combine(host.Folder, "data", "webhooks.db"));
        var wal = Path.Combine(host.Folder, "data", "webhooks.db-wal");
        var bytes = File.Exists(wal) ? [.. database, .. await File.ReadAllBytesAsync(wal)] : database;
        foreach (var secret in new[] { first, second })
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret["whsec_".Length..][..16])));
        }
    }

    [Fact]
    public async Task Stored_credentials_are_encrypted_at_rest_and_sent_as_headers()
    {
        await using var host = await DeliveryHost.StartAsync();
        var credentials = host.Host.Services.GetService(typeof(ICredentialManager)) as ICredentialManager;
        var credential = await credentials!.CreateAsync(
            "crm", CredentialTypes.BearerToken, new Dictionary<string, string> { ["token"] = "tok-secret-value-123456" }, CancellationToken.None);
        Assert.Equal("Bearer …3456", credential.Hint);
        await host.Destinations.CreateAsync(
            new DestinationSpec("test", host.Receiver.Url.ToString(), ["order.paid"]) { CredentialId = credential.Id, Signing = SigningSchemes.None },
            CancellationToken.None);

        await host.PublishAsync();

        var received = Assert.Single(await host.Receiver.WaitForAsync(1));
        Assert.Equal("Bearer tok-secret-value-123456", received.Header("Authorization"));
        Assert.Null(received.Header("webhook-signature"));
        await host.StopAsync();
        var database = await File.ReadAllBytesAsync(Path.Combine(host.Folder, "data", "webhooks.db"));
        Assert.Equal(-1, database.AsSpan().IndexOf("tok-secret-value"u8));
    }

    [Theory]
    [InlineData("ftp://example.com/x", "url")]
    [InlineData("https://user:pw@example.com/x", "url")]
    [InlineData("not a url", "url")]
    public async Task An_invalid_destination_is_refused_naming_the_field(string url, string field)
    {
        await using var host = await DeliveryHost.StartAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            host.Destinations.CreateAsync(new DestinationSpec("test", url, ["order.paid"]), CancellationToken.None));
        Assert.Equal(field, error.ParamName);
        var noEvents = await Assert.ThrowsAsync<ArgumentException>(() =>
            host.Destinations.CreateAsync(new DestinationSpec("test", "https://example.com/", []), CancellationToken.None));
        Assert.Equal("events", noEvents.ParamName);
    }

    /// <summary>Standard Webhooks, written here independently of the plugin: v1,base64(HMAC-SHA256(key, id.timestamp.body)).</summary>
    private static string Sign(string secret, Received request)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var content = $"{request.Header("webhook-id")}.{request.Header("webhook-timestamp")}.{request.Text}";
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(content)));
    }
}
