using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Core.Tests.Auth;

/// <summary>
/// Requests signed as each provider signs them, computed here with <see cref="HMACSHA256"/> from the providers'
/// published rules, independently of the Auth.Hmac plugin's code.
/// </summary>
internal static class SignedRequests
{
    public static (string Name, string Value)[] StandardWebhooks(
        byte[] key, string id, DateTimeOffset at, string body, string prefix = "webhook")
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return [($"{prefix}-id", id), ($"{prefix}-timestamp", timestamp), ($"{prefix}-signature", signature)];
    }

    public static (string Name, string Value) GitHub(string secret, string body) =>
        ("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));

    public static (string Name, string Value) Shopify(string secret, string body) =>
        ("X-Shopify-Hmac-Sha256", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))));

    public static (string Name, string Value) Stripe(string secret, DateTimeOffset at, string body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
        return ("Stripe-Signature", $"t={timestamp},v1={signature}");
    }

    public static (string Name, string Value)[] Slack(string secret, DateTimeOffset at, string body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        return [("X-Slack-Signature", signature), ("X-Slack-Request-Timestamp", timestamp)];
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string hook, string body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/hooks/{hook}")
        {
            Content = new StringContent(body, new MediaTypeHeaderValue("application/json")),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request);
    }

    public static bool IsReplay(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";
}
