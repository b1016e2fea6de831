namespace Webhooks.Modular.Abstractions.Security;

/// <summary>
/// Hides credentials in stored request headers before they are shown (management API, console). The engine already
/// redacts the well-known credential headers and the auth scheme's own when it stores an event; this also catches what
/// it keeps (signatures, which prove nothing to a reader but help a forger, cookies, tokens, keys) and events stored by
/// older versions.
/// </summary>
public static class CredentialHeaders
{
    /// <summary>What a hidden value is replaced by.</summary>
    public const string Redacted = "[redacted]";

    private static readonly string[] ExactNames = ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie"];

    // Substrings of a header name that mark a credential: X-Hub-Signature-256, Stripe-Signature, X-API-Key, X-Auth-Token, X-Webhook-Secret...
    private static readonly string[] CredentialParts = ["signature", "api-key", "apikey", "api_key", "token", "secret", "password", "auth", "session"];

    /// <summary>A copy of <paramref name="headers"/> with every credential's values replaced by <see cref="Redacted"/>.</summary>
    /// <param name="headers">The stored headers.</param>
    public static Dictionary<string, string[]> Redact(IReadOnlyDictionary<string, string[]> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var copy = new Dictionary<string, string[]>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            copy[name] = IsCredential(name) ? [Redacted] : values;
        }

        return copy;
    }

    /// <summary>Whether a header of this name carries a credential.</summary>
    /// <param name="name">The header's name.</param>
    public static bool IsCredential(string name) =>
        ExactNames.Contains(name, StringComparer.OrdinalIgnoreCase)
        || CredentialParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));
}
