using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Delivery.Http.Signing;

/// <summary>
/// The Standard Webhooks signature: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")&gt;</c>,
/// one space-separated entry per secret, where the key of <c>whsec_XXXX</c> is the base64-decoded <c>XXXX</c>
/// (a secret without the prefix is base64 as a whole).
/// </summary>
internal static class StandardWebhooksSignature
{
    /// <summary>The prefix Standard Webhooks secrets carry.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>The <c>webhook-signature</c> value for a message signed with every one of <paramref name="secrets"/>.</summary>
    /// <param name="id">The message id (<c>webhook-id</c>).</param>
    /// <param name="timestamp">Unix seconds (<c>webhook-timestamp</c>).</param>
    /// <param name="body">The exact bytes sent.</param>
    /// <param name="secrets">The secrets, newest first.</param>
    /// <param name="problem">Why it cannot be signed (no secret, a secret that is not base64), or <c>null</c>.</param>
    public static string? Sign(string id, long timestamp, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, out string? problem)
    {
        if (secrets.Count == 0)
        {
            problem = "standard-webhooks signing needs a secret, and the destination has none";
            return null;
        }

        var signed = Concat(Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}."), body);
        var signatures = new string[secrets.Count];
        for (var i = 0; i < secrets.Count; i++)
        {
            var key = KeyOf(secrets[i]);
            if (key is null)
            {
                // Never the secret itself: only which one.
                problem = $"signing secret #{i + 1} is not a {SecretPrefix} secret with a base64 key";
                return null;
            }

            signatures[i] = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
            CryptographicOperations.ZeroMemory(key);
        }

        problem = null;
        return string.Join(' ', signatures);
    }

    /// <summary>The HMAC key of a secret, or <c>null</c> when it is not valid base64 (or empty).</summary>
    /// <param name="secret">The secret in clear.</param>
    public static byte[]? KeyOf(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        var buffer = new byte[(encoded.Length * 3 / 4) + 3];
        return encoded.Length > 0 && Convert.TryFromBase64String(encoded, buffer, out var written) ? buffer[..written] : null;
    }

    private static byte[] Concat(byte[] head, ReadOnlySpan<byte> body)
    {
        var all = new byte[head.Length + body.Length];
        head.CopyTo(all, 0);
        body.CopyTo(all.AsSpan(head.Length));
        return all;
    }
}
