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

    /// <summary>The path with every segment that is a credential route value replaced.</summary>
    public string Path(string path, IReadOnlyDictionary<string, string> routeValues)
    {
        var secrets = authenticator.CredentialRouteValues
            .Select(name => routeValues.GetValueOrDefault(name))
            .Where(value => !string.IsNullOrEmpty(value))
            .ToHashSet(StringComparer.Ordinal);
        if (secrets.Count == 0)
        {
            return path;
        }

        // Compare decoded segments: the route value is decoded, the raw path may not be.
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (secrets.Contains(segments[i]) || secrets.Contains(Uri.UnescapeDataString(segments[i])))
            {
                segments[i] = Redacted;
            }
        }

        return string.Join('/', segments);
    }

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
