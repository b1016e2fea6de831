using System.Net;
using System.Net.Sockets;

namespace Webhooks.Modular.Delivery.Http.Network;

/// <summary>
/// Decides which addresses deliveries may connect to (the SSRF guard): every public address, and a non-public one
/// (loopback, private, link-local, unique-local, carrier-grade NAT, unspecified, multicast, broadcast, reserved,
/// documentation) only when one of <see cref="AllowedNetworks"/> contains it (as written, or as the IPv4 address
/// an IPv4-mapped address stands for, per <see cref="IPNetwork.Contains"/>). IPv6 forms that carry an
/// IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by the IPv4 address they carry.
/// </summary>
/// <param name="allowedNetworks">The non-public ranges deliveries may reach all the same.</param>
internal sealed class AddressPolicy(IReadOnlyList<IPNetwork> allowedNetworks)
{
    private static readonly (IPNetwork Range, string Kind)[] Ipv4Ranges =
    [
        (Range("255.255.255.255/32"), "broadcast"),
        (Range("0.0.0.0/8"), "unspecified"),
        (Range("10.0.0.0/8"), "private"),
        (Range("100.64.0.0/10"), "carrier-grade NAT (shared address space)"),
        (Range("127.0.0.0/8"), "loopback"),
        (Range("169.254.0.0/16"), "link-local"),
        (Range("172.16.0.0/12"), "private"),
        (Range("192.0.0.0/24"), "reserved (IETF protocol assignments)"),
        (Range("192.0.2.0/24"), "reserved for documentation"),
        (Range("192.88.99.0/24"), "reserved (6to4 relay anycast)"),
        (Range("192.168.0.0/16"), "private"),
        (Range("198.18.0.0/15"), "reserved for benchmarking"),
        (Range("198.51.100.0/24"), "reserved for documentation"),
        (Range("203.0.113.0/24"), "reserved for documentation"),
        (Range("224.0.0.0/4"), "multicast"),
        (Range("240.0.0.0/4"), "reserved"),
    ];

    private static readonly (IPNetwork Range, string Kind)[] Ipv6Ranges =
    [
        (Range("::/128"), "unspecified"),
        (Range("::1/128"), "loopback"),
        (Range("::/96"), "reserved (deprecated IPv4-compatible)"),
        (Range("100::/64"), "reserved (discard-only)"),
        (Range("2001:db8::/32"), "reserved for documentation"),
        (Range("fc00::/7"), "unique-local"),
        (Range("fe80::/10"), "link-local"),
        (Range("fec0::/10"), "site-local (deprecated)"),
        (Range("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Nat64 = Range("64:ff9b::/96");
    private static readonly IPNetwork Nat64LocalUse = Range("64:ff9b:1::/48");
    private static readonly IPNetwork SixToFour = Range("2002::/16");
    private static readonly IPNetwork GlobalUnicast = Range("2000::/3");

    /// <summary>The non-public ranges deliveries may reach all the same.</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks => allowedNetworks;

    /// <summary>Why deliveries may not connect to <paramref name="address"/>, or <c>null</c> when they may.</summary>
    /// <param name="address">A resolved address.</param>
    public string? Refusal(IPAddress address)
    {
        var kind = Classify(address);
        if (kind is null)
        {
            return null;
        }

        foreach (var network in allowedNetworks)
        {
            if (network.Contains(address))
            {
                return null;
            }
        }

        return $"{address} is {kind} and not in allowedNetworks";
    }

    /// <summary>What kind of non-public address this is, or <c>null</c> for a public one.</summary>
    /// <param name="address">The address.</param>
    public static string? Classify(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => ClassifyIpv4(address),
        AddressFamily.InterNetworkV6 => ClassifyIpv6(address),
        _ => "not an IP address",
    };

    private static string? ClassifyIpv4(IPAddress address)
    {
        foreach (var (range, kind) in Ipv4Ranges)
        {
            if (range.Contains(address))
            {
                return kind;
            }
        }

        return null;
    }

    private static string? ClassifyIpv6(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded(address.MapToIPv4(), "IPv4-mapped");
        }

        var bytes = address.GetAddressBytes();

        // The well-known NAT64 prefix, and the local-use one as most networks use it (a /96 within it), carry
        // the IPv4 address in their last 32 bits (RFC 6052); a NAT64 gateway would connect to that address.
        if (Nat64.Contains(address) || Nat64LocalUse.Contains(address))
        {
            return Embedded(new IPAddress(bytes.AsSpan(12, 4)), "NAT64");
        }

        if (SixToFour.Contains(address))
        {
            return Embedded(new IPAddress(bytes.AsSpan(2, 4)), "6to4");
        }

        foreach (var (range, kind) in Ipv6Ranges)
        {
            if (range.Contains(address))
            {
                return kind;
            }
        }

        return GlobalUnicast.Contains(address) ? null : "reserved (outside the global unicast range 2000::/3)";
    }

    private static string? Embedded(IPAddress ipv4, string form) =>
        ClassifyIpv4(ipv4) is { } kind ? $"{kind} ({form} {ipv4})" : null;

    private static IPNetwork Range(string cidr) => IPNetwork.Parse(cidr);
}
