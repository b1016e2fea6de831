using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Auth.ApiKey;

/// <summary>Validates a hook's <c>api-key</c> settings, resolves its keys and builds the authenticator.</summary>
internal sealed class ApiKeyAuthSchemeFactory : IAuthSchemeFactory
{
    internal const string DefaultHeader = "X-API-Key";

    /// <inheritdoc />
    public string Scheme => "api-key";

    /// <inheritdoc />
    public IInboundAuthenticator Create(ComponentSettings settings)
    {
        var header = ReadName(settings, "header") ?? DefaultHeader;
        var query = ReadName(settings, "query");

        var keys = settings.List("keys");
        if (keys.Count == 0)
        {
            throw settings.Error("keys", "must list at least one key (a literal, env:NAME or file:path)");
        }

        var hashes = new byte[keys.Count][];
        for (var index = 0; index < keys.Count; index++)
        {
            var key = $"keys:{index}";
            var secret = settings.ResolveSecret(key, keys[index]).Trim();
            if (secret.Length == 0)
            {
                throw settings.Error(key, "is empty");
            }

            // Only a hash is kept, so a memory dump does not hand out working keys. API keys are long random
            // strings, not passwords: a fast hash is enough (nothing to brute-force) and a slow password hash
            // would make every request cost milliseconds of CPU to whoever sends garbage.
            hashes[index] = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        }

        return new ApiKeyAuthenticator(header, query, hashes);
    }

    private static string? ReadName(ComponentSettings settings, string key)
    {
        var name = settings.Optional(key);
        if (name is null)
        {
            return null;
        }

        name = name.Trim();
        return name.Length > 0 && name.All(c => c is > ' ' and < '\u007f' and not ':' and not '=' and not '&')
            ? name
            : throw settings.Error(key, $"'{name}' is not a valid {key} name");
    }
}
