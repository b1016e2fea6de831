using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Webhooks.Modular.Core.Tests.Delivery;

/// <summary>
/// How long after <c>destination create</c> (the host's verb, its own process, on the same SQLite file) the running
/// host delivers to the new destination. The host re-reads destinations only once an hour here, so the verb's change
/// signal is what makes it deliver; the time is printed (docs/delivery.md quotes it).
/// </summary>
public sealed class DestinationSignalTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_destination_created_by_the_verb_is_delivered_to_by_the_running_host_at_once()
    {
        await using var receiver = await Receiver.StartAsync();
        var config = Deployments.Write(
            _folder,
            [Deployments.CommandHook("orders", "true")],
            extraPlugins: [new { name = "Delivery.Http", settings = new { allowedNetworks = new[] { "127.0.0.1/32" } } }]);
        var withDelivery = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await File.ReadAllTextAsync(config))!;
        withDelivery["delivery"] = JsonSerializer.SerializeToElement(new { refreshSeconds = 3600 });
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(withDelivery));
        await using var host = await LoopbackHost.StartAsync(config);

        var created = await HostCommand.RunAsync(config, "destination", "create", "--url", receiver.Url.ToString(), "--events", "event.webhook.orders");
        Assert.True(created.ExitCode == 0, created.Output + created.Error);

        // Webhooks one after the other from the verb's exit: those accepted before the host knows the destination make
        // no delivery to it, the first one after does, and it is sent at once. Which one arrived says when the host
        // knew: after the webhook before it was accepted, before it was sent.
        var watch = Stopwatch.StartNew();
        var sentAt = new List<long>();
        while (receiver.Requests.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            sentAt.Add(watch.ElapsedMilliseconds);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/orders") { Content = new StringContent($"{{\"n\":{sentAt.Count - 1}}}", Encoding.UTF8, "application/json") };
            request.Headers.Add("X-API-Key", Deployments.ApiKey);
            using var answer = await host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            await Task.Delay(20);
        }

        var delivered = watch.ElapsedMilliseconds;
        Assert.True(receiver.Requests.Count > 0, $"nothing delivered within 30 s of the verb's exit ({sentAt.Count} webhooks sent)");
        var first = JsonDocument.Parse(receiver.Requests[0].Body).RootElement.GetProperty("data").GetProperty("n").GetInt32();
        output.WriteLine(
            $"from the exit of `destination create`: the first webhook delivered to it was sent at {sentAt[first]} ms "
            + (first > 0 ? $"(webhook {first}; the one before it, sent at {sentAt[first - 1]} ms, made no delivery to it)" : "(the first one sent)")
            + $", and its delivery had arrived by {delivered} ms");
    }
}
