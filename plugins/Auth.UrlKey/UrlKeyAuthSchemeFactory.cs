using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Auth.UrlKey;

/// <summary>Validates a hook's <c>url-key</c> settings, resolves its key and builds the authenticator.</summary>
internal sealed class UrlKeyAuthSchemeFactory : IAuthSchemeFactory
{
    internal const string DefaultRouteValue = "key";
    internal const int MaxKeyLength = 256;

    /// <inheritdoc />
    public string Scheme => "url-key";

    /// <inheritdoc />
    public IInboundAuthenticator Create(ComponentSettings settings)
    {
        var routeValue = ReadRouteValue(settings);

        var key = settings.ResolveSecret("key", settings.Required("key")).Trim();
        if (key.Length == 0)
        {
            throw settings.Error("key", "is empty");
        }

        // The messages below describe the key, never echo it: start-up errors end up in terminals and service logs.
        if (key.Length > MaxKeyLength)
        {
            throw settings.Error("key", $"is {key.Length} characters long; at most {MaxKeyLength} are allowed");
        }

        // ASP.NET Core routing does not decode %2F inside a route value, so a key with '/' could never match.
        if (key.Contains('/', StringComparison.Ordinal) || key.Any(char.IsControl))
        {
            throw settings.Error("key", "may not contain '/' or control characters: it has to fit in one URL path segment");
        }

        // Only a hash is kept, so a memory dump does not hand out the key; the key is a long random string, so a
        // fast hash is enough.
        return new UrlKeyAuthenticator(routeValue, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static string ReadRouteValue(ComponentSettings settings)
    {
        var name = settings.Optional("routeValue");
        if (name is null)
        {
            return DefaultRouteValue;
        }

        name = name.Trim();
        if (name.Length == 0 || !name.All(char.IsAsciiLetterOrDigit))
        {
            throw settings.Error("routeValue", $"'{name}' is not a route value name (letters and digits only)");
        }

        return name.Equals("name", StringComparison.OrdinalIgnoreCase)
            ? throw settings.Error("routeValue", "'name' is the hook's name, which is not a secret")
            : name;
    }
}
