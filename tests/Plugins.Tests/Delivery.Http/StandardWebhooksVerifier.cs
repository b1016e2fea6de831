using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Plugins.Tests.Delivery.Http;

/// <summary>
/// A receiver's check of a Standard Webhooks signature, written from the specification and independently of the
/// plugin's signer: HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c>, keyed with the base64 after <c>whsec_</c>.
/// </summary>
internal static class StandardWebhooksVerifier
{
    /// <summary>Whether one of the <c>v1,</c> entries of <paramref name="signatureHeader"/> was made with <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, string id, string timestamp, byte[] body, string signatureHeader)
    {
        var key = Convert.FromBase64String(secret.Replace("whsec_", string.Empty, StringComparison.Ordinal));
        var content = Encoding.UTF8.GetBytes(id + "." + timestamp + "." + Encoding.UTF8.GetString(body));
        using var hmac = new HMACSHA256(key);
        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(hmac.ComputeHash(content)));

        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma > 0 && entry[..comma] == "v1"
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry[(comma + 1)..]), expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Verifies a received request's headers against <paramref name="secret"/>.</summary>
    public static bool Verify(string secret, ReceivedRequest request) =>
        request.Header("webhook-id") is { } id
        && request.Header("webhook-timestamp") is { } timestamp
        && request.Header("webhook-signature") is { } signature
        && Verify(secret, id, timestamp, request.Body, signature);
}
