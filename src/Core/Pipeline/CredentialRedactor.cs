using Webhooks.Modular.Abstractions.Auth;

namespace Webhooks.Modular.Core.Pipeline;

/// <summary>
/// Replaces credentials in headers and query parameters before an event is stored: the well-known credential
/// headers, plus whatever the hook's auth scheme declares.
/// </summary>
internal sealed class CredentialRedactor(IInboundAuthenticator authenticator)
{
    public const string Redacted = "[redacted]";

    private static readonly string[] AlwaysRedactedHeaders = ["Authorization", "Proxy-Authorization", "Cookie", "X-API-Key"];

    public IReadOnlyDictionary<string, string[]> Headers(IReadOnlyDictionary<string, string[]> headers) =>
        Redact(headers, AlwaysRedactedHeaders.Concat(authenticator.CredentialHeaders));

    public IReadOnlyDictionary<string, string[]> Query(IReadOnlyDictionary<string, string[]> query) =>
        Redact(query, authenticator.CredentialQueryParameters);

    private static Dictionary<string, string[]> Redact(IReadOnlyDictionary<string, string[]> values, IEnumerable<string> secretNames)
    {
        var secret = new HashSet<string>(secretNames, StringComparer.OrdinalIgnoreCase);
        var copy = new Dictionary<string, string[]>(values.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in values)
        {
            copy[name] = secret.Contains(name) ? [Redacted] : value;
        }

        return copy;
    }
}
