using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Delivery.Http.Signing;

/// <summary>
/// Danube's signature: <c>X-Danube-Signature: t=&lt;unix seconds&gt;,sha256=&lt;lower-hex HMAC-SHA256(key, "{t}.{body}")&gt;</c>,
/// keyed with the UTF-8 bytes of the whole secret text, <c>whsec_</c> included (as Danube's verification examples
/// do). During a rotation every secret adds its own <c>sha256=</c> entry, newest first and so the oldest last, on
/// purpose: Danube's guide parses the header into a dictionary (<c>dict(p.split("=", 1) for p in ...)</c>), which keeps
/// the last of repeated keys, so a receiver written that way compares only the oldest secret still signing. It keeps
/// verifying with the secret it already has through the whole overlap, and needs the next one when that one stops
/// signing (or it tries each secret it knows against that one entry, and needs no timing at all).
/// </summary>
internal static class DanubeSignature
{
    /// <summary>The header Danube receivers read.</summary>
    public const string HeaderName = "X-Danube-Signature";

    /// <summary>The header value for a body signed at <paramref name="timestamp"/> with every one of <paramref name="secrets"/>.</summary>
    /// <param name="timestamp">Unix seconds.</param>
    /// <param name="body">The exact bytes sent.</param>
    /// <param name="secrets">The secrets, newest first.</param>
    /// <param name="problem">Why it cannot be signed (no secret), or <c>null</c>.</param>
    public static string? Sign(long timestamp, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, out string? problem)
    {
        if (secrets.Count == 0 || secrets.Any(string.IsNullOrEmpty))
        {
            problem = "danube signing needs a non-empty secret, and the destination has none";
            return null;
        }

        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var head = Encoding.UTF8.GetBytes(t + ".");
        var signed = new byte[head.Length + body.Length];
        head.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(head.Length));

        var value = new StringBuilder("t=").Append(t);
        // Newest first, oldest last: the last entry is the one a dictionary-parsing receiver keeps (see above).
        foreach (var secret in secrets)
        {
            var key = Encoding.UTF8.GetBytes(secret);
            value.Append(",sha256=").Append(Convert.ToHexStringLower(HMACSHA256.HashData(key, signed)));
            CryptographicOperations.ZeroMemory(key);
        }

        problem = null;
        return value.ToString();
    }
}
