using System.Net;
using Webhooks.Modular.Delivery.Http.Network;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

public sealed class AddressPolicyTests
{
    private static readonly AddressPolicy Default = new([]);

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.254", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("192.0.0.8", "reserved")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("192.0.2.10", "documentation")]
    [InlineData("203.0.113.7", "documentation")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf::1", "link-local")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12::1", "unique-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("::ffff:127.0.0.1", "loopback (IPv4-mapped 127.0.0.1)")]
    [InlineData("::ffff:10.0.0.1", "private (IPv4-mapped 10.0.0.1)")]
    [InlineData("::ffff:169.254.169.254", "link-local (IPv4-mapped 169.254.169.254)")]
    [InlineData("64:ff9b::7f00:1", "loopback (NAT64 127.0.0.1)")]
    [InlineData("64:ff9b::a00:1", "private (NAT64 10.0.0.1)")]
    [InlineData("64:ff9b:1::a9fe:a9fe", "link-local (NAT64 169.254.169.254)")]
    [InlineData("2002:7f00:1::1", "loopback (6to4 127.0.0.1)")]
    [InlineData("2002:a00:1::1", "private (6to4 10.0.0.1)")]
    [InlineData("::7f00:1", "reserved")]
    [InlineData("4000::1", "outside the global unicast range")]
    public void Non_public_addresses_are_refused_saying_why(string address, string kind)
    {
        var refusal = Default.Refusal(IPAddress.Parse(address));

        Assert.NotNull(refusal);
        Assert.StartsWith($"{IPAddress.Parse(address)} is ", refusal, StringComparison.Ordinal);
        Assert.Contains(kind, refusal, StringComparison.Ordinal);
        Assert.EndsWith(" and not in allowedNetworks", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Public_addresses_are_accepted(string address)
    {
        Assert.Null(AddressPolicy.Classify(IPAddress.Parse(address)));
        Assert.Null(Default.Refusal(IPAddress.Parse(address)));
    }

    [Fact]
    public void The_exact_message_names_the_address_and_the_reason()
    {
        Assert.Equal("127.0.0.1 is loopback and not in allowedNetworks", Default.Refusal(IPAddress.Loopback));
    }

    [Fact]
    public void Allowed_networks_admit_what_they_contain()
    {
        var policy = new AddressPolicy([IPNetwork.Parse("127.0.0.1/32"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("10.20.0.0/16")]);

        Assert.Null(policy.Refusal(IPAddress.Parse("127.0.0.1")));
        Assert.Null(policy.Refusal(IPAddress.Parse("::1")));
        Assert.Null(policy.Refusal(IPAddress.Parse("10.20.30.40")));
        Assert.NotNull(policy.Refusal(IPAddress.Parse("127.0.0.2")));
        Assert.NotNull(policy.Refusal(IPAddress.Parse("10.21.0.1")));
        Assert.NotNull(policy.Refusal(IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public void An_allowed_IPv4_range_admits_the_mapped_form_of_its_addresses_but_loopback_families_stay_apart()
    {
        var ipv4Only = new AddressPolicy([IPNetwork.Parse("127.0.0.1/32")]);
        var ipv6Only = new AddressPolicy([IPNetwork.Parse("::1/128")]);

        // ::ffff:127.0.0.1 connects to 127.0.0.1 itself: the same destination.
        Assert.Null(ipv4Only.Refusal(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.NotNull(ipv4Only.Refusal(IPAddress.IPv6Loopback));
        Assert.NotNull(ipv6Only.Refusal(IPAddress.Loopback));
        Assert.NotNull(ipv6Only.Refusal(IPAddress.Parse("::ffff:127.0.0.1")));
    }
}
