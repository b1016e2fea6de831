using System.Net;
using System.Net.Sockets;

namespace Webhooks.Modular.Delivery.Http.Network;

/// <summary>
/// Parses the entries of <c>allowedNetworks</c>: CIDR ranges (<c>10.0.0.0/8</c>, <c>fd00::/8</c>) or single
/// addresses (<c>127.0.0.1</c>, <c>::1</c>), which stand for a range of one.
/// </summary>
internal static class NetworkRange
{
    /// <summary>Parses one entry; on failure <paramref name="problem"/> says what is wrong with it.</summary>
    /// <param name="text">The entry as written.</param>
    /// <param name="network">The range.</param>
    /// <param name="problem">Why it is not a range, or <c>null</c>.</param>
    public static bool TryParse(string? text, out IPNetwork network, out string? problem)
    {
        network = default;
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            problem = "is empty (expected a CIDR range such as 10.0.0.0/8 or an address such as 127.0.0.1)";
            return false;
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? trimmed : trimmed[..slash];
        if (!IsAddressLiteral(addressText) || !IPAddress.TryParse(addressText, out var address))
        {
            problem = $"'{trimmed}' is not an IP address or CIDR range";
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            problem = $"'{trimmed}' has a zone index, which an allow-list cannot use";
            return false;
        }

        var width = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = width;
        if (slash >= 0 && (!int.TryParse(trimmed.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > width))
        {
            problem = $"'{trimmed}' has an invalid prefix length (0 to {width} for this address)";
            return false;
        }

        network = new IPNetwork(Masked(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
        {
            // "10.0.0.1/8" is usually a typo for something narrower; say so rather than silently widening it.
            problem = $"'{trimmed}' has bits set after its /{prefix} prefix (did you mean {network}?)";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// Only the plain dotted-quad and IPv6 forms: <see cref="IPAddress.TryParse(string, out IPAddress)"/> also
    /// accepts "127.1" and "2130706433", which in an allow-list are more likely mistakes than intent.
    /// </summary>
    private static bool IsAddressLiteral(string text) =>
        text.Contains(':', StringComparison.Ordinal) || text.Count(c => c == '.') == 3;

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
