using System.Net;
using Webhooks.Modular.Delivery.Http.Network;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

public sealed class NetworkRangeTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData(" 192.168.0.0/16 ", "192.168.0.0/16")]
    [InlineData("127.0.0.1", "127.0.0.1/32")]
    [InlineData("::1", "::1/128")]
    [InlineData("fd00::/8", "fd00::/8")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    public void Ranges_and_single_addresses_parse(string text, string expected)
    {
        Assert.True(NetworkRange.TryParse(text, out var network, out var problem), problem);
        Assert.Equal(IPNetwork.Parse(expected), network);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("localhost", "not an IP address")]
    [InlineData("127.1", "not an IP address")]
    [InlineData("10.0.0.0/33", "prefix length")]
    [InlineData("10.0.0.0/-1", "prefix length")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("::/129", "prefix length")]
    [InlineData("10.0.0.1/8", "did you mean 10.0.0.0/8")]
    [InlineData("fe80::1%2", "zone index")]
    public void Bad_entries_say_what_is_wrong(string text, string expected)
    {
        Assert.False(NetworkRange.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
