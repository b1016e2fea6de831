using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Security;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>
/// Stored outbound credentials: each type's fields checked, the data encrypted before it is stored, and only a
/// masked hint ever shown again.
/// </summary>
internal sealed class CredentialManager(ICredentialStore? store, ISecretProtector protector, TimeProvider clock) : ICredentialManager
{
    private ICredentialStore Store => store ?? throw new InvalidOperationException("the deployed storage plugin does not store credentials");

    public async Task<CredentialRecord> CreateAsync(string name, string type, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw new ArgumentException("name is required and must be at most 200 characters", "name");
        }

        var (required, optional) = CredentialHeaders.Fields(type);
        foreach (var field in required)
        {
            if (!data.TryGetValue(field, out var value) || string.IsNullOrEmpty(value))
            {
                throw new ArgumentException($"credential_data.{field} is required for {type}", $"credential_data.{field}");
            }
        }

        foreach (var (field, value) in data)
        {
            if (!required.Contains(field, StringComparer.Ordinal) && !optional.Contains(field, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"credential_data.{field} is not a field of {type} (fields: {string.Join(", ", required.Concat(optional).DefaultIfEmpty("none"))})",
                    $"credential_data.{field}");
            }

            if (field == "header_name")
            {
                DestinationValidation.Header(value, string.Empty, "credential_data.header_name");
            }
            else if (value.Any(c => c is '\r' or '\n' or '\0'))
            {
                throw new ArgumentException($"credential_data.{field} must not contain line breaks", $"credential_data.{field}");
            }
            else if (field == "username" && value.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException("credential_data.username must not contain ':'", "credential_data.username");
            }
        }

        var record = new CredentialRecord(
            Guid.NewGuid().ToString(),
            name,
            type,
            protector.Protect(JsonSerializer.Serialize(data)),
            Hint(type, data),
            clock.GetUtcNow());
        await Store.CreateCredentialAsync(record, cancellationToken);
        return record;
    }

    public Task<CredentialRecord?> GetAsync(string id, CancellationToken cancellationToken) => Store.GetCredentialAsync(id, cancellationToken);

    public Task<IReadOnlyList<CredentialRecord>> ListAsync(CancellationToken cancellationToken) => Store.ListCredentialsAsync(cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) => Store.DeleteCredentialAsync(id, cancellationToken);

    /// <summary>Enough to recognise a credential, never enough to use it: at most the last four characters of a secret.</summary>
    internal static string Hint(string type, IReadOnlyDictionary<string, string> data) => type switch
    {
        CredentialTypes.ApiKey => $"{data.GetValueOrDefault("header_name") ?? CredentialHeaders.DefaultApiKeyHeader}: {Mask(data["api_key"])}",
        CredentialTypes.BearerToken => $"Bearer {Mask(data["token"])}",
        CredentialTypes.BasicAuth => $"{data["username"]}:{Mask(data["password"])}",
        CredentialTypes.CustomHeader => $"{data["header_name"]}: {Mask(data["header_value"])}",
        _ => "none",
    };

    private static string Mask(string secret) => secret.Length >= 12 ? $"…{secret[^4..]}" : "…";
}
