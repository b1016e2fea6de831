using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Core.Tests.Examples.Danube;

/// <summary>
/// A receiver written the way Danube's guide (docs.danubeai.com/webhooks) writes <c>verify_webhook</c>, step for step:
/// <c>parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)</c>, then <c>parts.get("t")</c> and
/// <c>parts.get("sha256")</c>, a 300-second age check, and a constant-time comparison with HMAC-SHA256 of
/// <c>"{t}.{body}"</c> keyed with the secret's text. Python's <c>dict(...)</c> keeps the last value of a repeated key,
/// so of several <c>sha256=</c> entries only the last one is ever compared.
/// </summary>
internal static class DanubeGuideReceiver
{
    private const int MaxAgeSeconds = 300;

    /// <summary>The guide's <c>verify_webhook(payload, signature_header, secret)</c>, with the receiver's clock passed in.</summary>
    public static bool Verify(byte[] payload, string signatureHeader, string secret, DateTimeOffset now)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in signatureHeader.Split(','))
        {
            var pair = p.Split('=', 2);
            if (pair.Length == 2)
            {
                parts[pair[0]] = pair[1]; // as dict(...) does: a repeated key keeps its last value
            }
        }

        var ts = parts.GetValueOrDefault("t", string.Empty);
        var sig = parts.GetValueOrDefault("sha256", string.Empty);
        if (ts.Length == 0 || sig.Length == 0)
        {
            return false;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - long.Parse(ts, CultureInfo.InvariantCulture)) > MaxAgeSeconds)
        {
            return false;
        }

        var signedContent = $"{ts}.{Encoding.UTF8.GetString(payload)}";
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signedContent)));
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(sig));
    }

    /// <summary>The guide's check with each of several secrets in turn: what a receiver does while it changes over.</summary>
    public static bool VerifyWithAny(byte[] payload, string signatureHeader, IEnumerable<string> secrets, DateTimeOffset now) =>
        secrets.Any(secret => Verify(payload, signatureHeader, secret, now));
}
