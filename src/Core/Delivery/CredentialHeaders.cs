using System.Text;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>The headers a stored credential adds to a delivery, by type, and the fields each type requires.</summary>
internal static class CredentialHeaders
{
    public const string DefaultApiKeyHeader = "X-API-Key";

    /// <summary>The fields each type needs, and the optional ones.</summary>
    public static (string[] Required, string[] Optional) Fields(string type) => type switch
    {
        CredentialTypes.None => ([], []),
        CredentialTypes.ApiKey => (["api_key"], ["header_name"]),
        CredentialTypes.BearerToken => (["token"], []),
        CredentialTypes.BasicAuth => (["username", "password"], []),
        CredentialTypes.CustomHeader => (["header_name", "header_value"], []),
        _ => throw new ArgumentException($"credential_type must be one of {string.Join(", ", CredentialTypes.All)}", "credential_type"),
    };

    public static IEnumerable<KeyValuePair<string, string>> For(string type, IReadOnlyDictionary<string, string> data) => type switch
    {
        CredentialTypes.ApiKey => [new(data.GetValueOrDefault("header_name") is { Length: > 0 } name ? name : DefaultApiKeyHeader, data["api_key"])],
        CredentialTypes.BearerToken => [new("Authorization", $"Bearer {data["token"]}")],
        CredentialTypes.BasicAuth => [new("Authorization", $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{data["username"]}:{data["password"]}"))}")],
        CredentialTypes.CustomHeader => [new(data["header_name"], data["header_value"])],
        _ => [],
    };
}
