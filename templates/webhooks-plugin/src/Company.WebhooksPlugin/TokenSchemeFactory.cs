using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;

namespace Company.WebhooksPlugin;

/// <summary>Builds a hook's <see cref="TokenAuthenticator"/> from its <c>auth.settings</c>.</summary>
public sealed class TokenSchemeFactory : IAuthSchemeFactory
{
    /// <inheritdoc />
    public string Scheme => Plugin.Scheme;

    /// <inheritdoc />
    public IInboundAuthenticator Create(ComponentSettings settings)
    {
        // Everything is validated here, at start-up: a hook that builds will run. ResolveSecret lets the token be
        // "env:NAME" or "file:path", so it stays out of plugins.json.
        var token = settings.ResolveSecret("token", settings.Required("token"));
        if (token.Length < 16)
        {
            throw settings.Error("token", "must be at least 16 characters");
        }

        var header = settings.Optional("header") ?? TokenAuthenticator.DefaultHeader;
        return new TokenAuthenticator(token, header);
    }
}
