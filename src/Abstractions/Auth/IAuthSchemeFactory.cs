using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Abstractions.Auth;

/// <summary>
/// Builds the authenticator of one hook from its <c>auth</c> settings. Registered by an auth-scheme plugin;
/// a hook names it by <see cref="Scheme"/>.
/// </summary>
public interface IAuthSchemeFactory
{
    /// <summary>The scheme name hooks use, such as <c>api-key</c>.</summary>
    string Scheme { get; }

    /// <summary>Validates the settings and builds the authenticator; throws a configuration error naming the key.</summary>
    /// <param name="settings">The hook's auth settings.</param>
    IInboundAuthenticator Create(ComponentSettings settings);
}
