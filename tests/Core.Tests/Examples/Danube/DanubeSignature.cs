using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Core.Tests.Examples.Danube;

/// <summary>
/// Checks <c>X-Danube-Signature: t=&lt;unix&gt;,sha256=&lt;hex&gt;[,sha256=...]</c> as Danube's documentation tells a receiver
/// to: HMAC-SHA256 over <c>"{t}.{raw body}"</c> keyed with the secret's text, lower-case hex. Written from the
/// documentation, independently of the code that signs.
/// </summary>
internal static class DanubeSignature
{
    /// <summary>The header's parts: its one timestamp and its signatures in order.</summary>
    public static (long Timestamp, IReadOnlyList<string> Signatures) Parse(string header)
    {
        var pairs = header.Split(',').Select(part => part.Split('=', 2)).ToArray();
        Assert.All(pairs, pair => Assert.Equal(2, pair.Length));
        var timestamps = pairs.Where(p => p[0] == "t").Select(p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var signatures = pairs.Where(p => p[0] == "sha256").Select(p => p[1]).ToArray();
        Assert.Equal(pairs.Length, timestamps.Length + signatures.Length); // nothing else in it
        return (Assert.Single(timestamps), signatures);
    }

    /// <summary>The signature <paramref name="secret"/> gives <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public static string Expected(string secret, long timestamp, byte[] body)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var signed = Encoding.UTF8.GetBytes($"{timestamp}.").Concat(body).ToArray();
        return string.Concat(hmac.ComputeHash(signed).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Whether <paramref name="signature"/> is the one <paramref name="secret"/> gives.</summary>
    public static bool Verifies(string secret, long timestamp, byte[] body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Expected(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
