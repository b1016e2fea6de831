using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

/// <summary>
/// A Danube receiver's check, as in Danube's verification examples and independent of the plugin: split
/// <c>t=..,sha256=..</c>, HMAC-SHA256 of <c>{t}.{body}</c> keyed with the secret text, compared as lower hex.
/// </summary>
internal static class DanubeVerifier
{
    public static bool Verify(string secret, byte[] body, string header)
    {
        var parts = header.Split(',');
        var t = parts.FirstOrDefault(p => p.StartsWith("t=", StringComparison.Ordinal))?[2..];
        if (t is null)
        {
            return false;
        }

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = Encoding.ASCII.GetBytes(string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{t}.{Encoding.UTF8.GetString(body)}")).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));
        return parts
            .Where(p => p.StartsWith("sha256=", StringComparison.Ordinal))
            .Any(p => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(p["sha256=".Length..]), expected));
    }
}
