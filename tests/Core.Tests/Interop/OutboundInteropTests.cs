using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Actions;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Tests.Delivery;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Interop;

/// <summary>
/// Outbound interop: what the host delivers (the default <c>standard-webhooks</c> signing of Delivery.Http) is
/// verified by the receivers' own libraries, <c>standardwebhooks</c> and <c>svix</c>, run on the exact bytes and
/// headers the receiver got (see <c>tests/Interop/node/verify.js</c>), also while a rotated secret still signs.
/// </summary>
public sealed class OutboundInteropTests
{
    private static readonly string[] Libraries = ["standardwebhooks", "svix"];

    private static readonly object OrdersHook = new
    {
        name = "orders",
        auth = new { scheme = "none" },
        action = new { type = "in-process", settings = new { handler = "orders" } },
    };

    [NodeInteropFact]
    public async Task A_delivery_of_an_accepted_webhook_verifies_with_standardwebhooks_and_svix_and_not_with_another_secret()
    {
        await using var host = await DeliveryHost.StartAsync(
            hooks: [OrdersHook], configure: w => w.AddHandler("orders", (_, _) => Task.FromResult(RunResult.Success("ok"))));
        var created = await host.SubscribeAsync(RetryPolicy.None, "event.webhook.orders");

        var response = await host.Host.Client.PostAsJsonAsync("/hooks/orders", new { order = 7, customer = "Zoë" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = Assert.Single(await host.Receiver.WaitForAsync(1, TimeSpan.FromSeconds(60)));

        foreach (var library in Libraries)
        {
            var verified = await NodePeer.VerifyAsync(library, created.Secret!, delivery);
            Assert.True(verified.GetProperty("verified").GetBoolean(), $"{library}: {verified}");
            var payload = verified.GetProperty("payload");
            Assert.Equal("event.webhook.orders", payload.GetProperty("type").GetString());
            Assert.Equal("Zoë", payload.GetProperty("data").GetProperty("customer").GetString());

            var other = await NodePeer.VerifyAsync(library, NewSecret(), delivery);
            Assert.False(other.GetProperty("verified").GetBoolean(), $"{library} verified with a secret the destination does not have: {other}");
        }
    }

    [NodeInteropFact]
    public async Task During_a_rotation_a_delivery_carries_two_signatures_and_each_secret_verifies_with_standardwebhooks_and_svix()
    {
        await using var host = await DeliveryHost.StartAsync();
        var created = await host.SubscribeAsync(RetryPolicy.None);
        var oldSecret = created.Secret!;
        var newSecret = (await host.Destinations.RotateSecretAsync(created.Destination.Id, TimeSpan.FromHours(24), CancellationToken.None))!;

        await host.PublishAsync("order.paid", new { orderId = 42, total = "12.50" });
        var delivery = Assert.Single(await host.Receiver.WaitForAsync(1, TimeSpan.FromSeconds(60)));

        Assert.Equal(2, delivery.Header("webhook-signature")!.Split(' ').Length);
        foreach (var library in Libraries)
        {
            foreach (var (name, secret) in new[] { ("old", oldSecret), ("new", newSecret) })
            {
                var verified = await NodePeer.VerifyAsync(library, secret, delivery);
                Assert.True(verified.GetProperty("verified").GetBoolean(), $"{library} with the {name} secret: {verified}");
                Assert.Equal(42, verified.GetProperty("payload").GetProperty("data").GetProperty("orderId").GetInt32());
            }

            var other = await NodePeer.VerifyAsync(library, NewSecret(), delivery);
            Assert.False(other.GetProperty("verified").GetBoolean(), $"{library} verified with a secret the destination does not have: {other}");
        }
    }

    private static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
}
