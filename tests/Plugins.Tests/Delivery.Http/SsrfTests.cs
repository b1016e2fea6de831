using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Webhooks.Modular.Delivery.Http;
using Webhooks.Modular.Delivery.Http.Sending;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

public sealed class SsrfTests
{
    [Fact]
    public async Task A_loopback_address_is_refused_without_the_allow_list_and_nothing_arrives()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.Create();

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/hook")));

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Equal("127.0.0.1 is loopback and not in allowedNetworks", result.Error);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_when_connecting()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.Create();

        var result = await channel.DeliverAsync(Messages.To(new Uri($"http://localhost:{receiver.Port}/hook")));

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Contains("is loopback and not in allowedNetworks", result.Error, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task With_the_loopback_address_allowed_the_delivery_arrives()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.Create("""{ "allowedNetworks": ["127.0.0.1/32"] }""");

        var byAddress = await channel.DeliverAsync(Messages.To(receiver.At("/by-address")));
        var byName = await channel.DeliverAsync(Messages.To(new Uri($"http://localhost:{receiver.Port}/by-name")));

        Assert.True(byAddress.Succeeded, byAddress.Error);
        Assert.True(byName.Succeeded, byName.Error);
        Assert.Equal(["/by-address", "/by-name"], receiver.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task An_allowed_range_other_than_the_receivers_address_does_not_let_it_through()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var channel = HttpChannel.Create("""{ "allowedNetworks": ["127.0.0.2", "10.0.0.0/8", "::1"] }""");

        var result = await channel.DeliverAsync(Messages.To(receiver.At("/")));

        Assert.Equal("127.0.0.1 is loopback and not in allowedNetworks", result.Error);
        Assert.Empty(receiver.Requests);
    }

    // The resolved addresses these tests hand the channel are all loopback: were the guard ever broken, the
    // connection attempts would still stay on this machine.
    [Fact]
    public async Task The_channel_connects_only_to_resolved_addresses_it_checked_and_permitted()
    {
        // Two receivers on the same port: 127.0.0.2 is allowed, 127.0.0.1 (listed first by the resolver) is not.
        await using var permitted = await LoopbackReceiver.StartAsync(address: IPAddress.Parse("127.0.0.2"));
        await using var refused = await LoopbackReceiver.StartAsync(port: permitted.Port);
        var asked = new List<string>();
        using var delivery = Channel(["127.0.0.2/32"], (host, _) =>
        {
            asked.Add(host);
            return Task.FromResult(new[] { IPAddress.Loopback, IPAddress.Parse("127.0.0.2") });
        });

        var result = await delivery.DeliverAsync(Messages.To(new Uri($"http://hooks.example.test:{permitted.Port}/meta")), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["hooks.example.test"], asked);
        Assert.Equal($"hooks.example.test:{permitted.Port}", permitted.Single.Header("Host"));
        Assert.Empty(refused.Requests);
    }

    [Fact]
    public async Task A_name_resolving_only_to_refused_addresses_lists_each_refusal_and_connects_nowhere()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        using var delivery = Channel(["10.0.0.0/8"], (_, _) => Task.FromResult(new[] { IPAddress.Loopback, IPAddress.Parse("::ffff:127.0.0.1") }));

        var result = await delivery.DeliverAsync(Messages.To(new Uri($"http://metadata.example.test:{receiver.Port}/latest")), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Equal(
            "127.0.0.1 is loopback and not in allowedNetworks; ::ffff:127.0.0.1 is loopback (IPv4-mapped 127.0.0.1) and not in allowedNetworks",
            result.Error);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_a_failure_with_the_reason()
    {
        using var delivery = Channel([], (_, _) => throw new SocketException((int)SocketError.HostNotFound));

        var result = await delivery.DeliverAsync(Messages.To(new Uri("http://no-such-host.example.test/")), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.StatusCode);
        Assert.Contains("no-such-host.example.test", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IPv6_literals_in_urls_are_checked_too()
    {
        using var channel = HttpChannel.Create();

        var result = await channel.DeliverAsync(Messages.To(new Uri("http://[::ffff:127.0.0.1]:9/")));

        Assert.Equal("::ffff:127.0.0.1 is loopback (IPv4-mapped 127.0.0.1) and not in allowedNetworks", result.Error);
    }

    private static HttpOutboundDelivery Channel(string[] allowed, Func<string, CancellationToken, Task<IPAddress[]>> resolve) =>
        new(
            new HttpDeliveryOptions { AllowedNetworks = [.. allowed.Select(IPNetwork.Parse)] },
            TimeProvider.System,
            NullLogger.Instance,
            resolve);
}
