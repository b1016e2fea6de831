using System.Net;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Delivery;

/// <summary>kill -9 of the real host with deliveries queued and in flight: after a restart every one arrives.</summary>
public sealed class DeliveryKillRecoveryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Deliveries_pending_or_in_flight_when_the_host_is_killed_are_all_delivered_after_restart()
    {
        await using var receiver = await Receiver.StartAsync();
        // Slow answers, so that the kill lands with attempts in flight and more queued behind them.
        receiver.Reply = (_, _) => new Reply(200, Delay: TimeSpan.FromMilliseconds(300));
        var config = Deployments.Write(
            _folder,
            [Deployments.CommandHook("orders", "true")],
            extraPlugins: [new { name = "Delivery.Http", settings = new { allowedNetworks = new[] { "127.0.0.1/32" } } }]);
        var withDelivery = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await File.ReadAllTextAsync(config))!;
        withDelivery["delivery"] = JsonSerializer.SerializeToElement(new { concurrency = 2, leaseSeconds = 2, pollMilliseconds = 100, refreshSeconds = 0.5 });
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(withDelivery));

        // The operator's command creates the subscription in the deployment's database.
        var created = await HostCommand.RunAsync(config, "destination", "create", "--url", receiver.Url.ToString(), "--events", "event.webhook.orders");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("secret:      whsec_", created.Output);

        const int Webhooks = 30;
        await using (var first = HostProcess.Start(config))
        {
            await first.WaitUntilReadyAsync();
            for (var i = 0; i < Webhooks; i++)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders") { Content = new StringContent($"{{\"n\":{i}}}", Encoding.UTF8, "application/json") };
                request.Headers.Add("X-API-Key", Deployments.ApiKey);
                Assert.Equal(HttpStatusCode.OK, (await first.Client.SendAsync(request)).StatusCode);
            }

            await receiver.WaitForAsync(3);
            first.KillHard();
        }

        var beforeRestart = receiver.Requests.Count;
        Assert.True(beforeRestart < Webhooks, "every delivery went out before the kill; the test proves nothing");

        await using var second = HostProcess.Start(config);
        await second.WaitUntilReadyAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DistinctBodies(receiver) < Webhooks && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(Webhooks, DistinctBodies(receiver));
        var ids = receiver.Requests.Select(r => r.Header("webhook-id")).Distinct().Count();
        Assert.Equal(Webhooks, ids);
        var listed = await HostCommand.RunAsync(config, "destination", "list");
        Assert.Contains("active:      yes", listed.Output);
    }

    [Fact]
    public async Task An_attempt_cut_short_by_kill_9_is_counted_so_the_next_one_carries_the_next_attempt_number()
    {
        await using var receiver = await Receiver.StartAsync();
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first request is never answered: the host is killed while its attempt 1 is in flight.
        receiver.Reply = (_, index) => index == 0 ? new Reply(200, Until: never.Task) : new Reply(200);
        var config = Deployments.Write(
            _folder,
            [Deployments.CommandHook("orders", "true")],
            extraPlugins: [new { name = "Delivery.Http", settings = new { allowedNetworks = new[] { "127.0.0.1/32" } } }]);
        var withDelivery = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await File.ReadAllTextAsync(config))!;
        withDelivery["delivery"] = JsonSerializer.SerializeToElement(new { leaseSeconds = 2, pollMilliseconds = 100, refreshSeconds = 0.5 });
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(withDelivery));
        var created = await HostCommand.RunAsync(config, "destination", "create", "--url", receiver.Url.ToString(), "--events", "event.webhook.orders");
        Assert.True(created.ExitCode == 0, created.Error);

        try
        {
            await using (var first = HostProcess.Start(config))
            {
                await first.WaitUntilReadyAsync();
                var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders") { Content = new StringContent("{\"n\":1}", Encoding.UTF8, "application/json") };
                request.Headers.Add("X-API-Key", Deployments.ApiKey);
                Assert.Equal(HttpStatusCode.OK, (await first.Client.SendAsync(request)).StatusCode);
                await receiver.WaitForAsync(1);
                first.KillHard();
            }

            await using var second = HostProcess.Start(config);
            await second.WaitUntilReadyAsync();
            var requests = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(60));

            Assert.Equal(requests[0].Header("webhook-id"), requests[1].Header("webhook-id"));
            Assert.Equal("1", requests[0].Header("X-Webhook-Attempt"));
            Assert.Equal("2", requests[1].Header("X-Webhook-Attempt"));
        }
        finally
        {
            never.TrySetResult();
        }
    }

    private static int DistinctBodies(Receiver receiver) =>
        receiver.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("n").GetInt32()).Distinct().Count();
}
