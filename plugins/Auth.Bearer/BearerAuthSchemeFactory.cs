using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Auth.Bearer.Tokens;

namespace Webhooks.Modular.Auth.Bearer;

/// <summary>
/// The <c>bearer</c> scheme. Hook settings: <c>scope</c> (default <c>hook:{name}</c>), which host-issued tokens
/// open the hook; <c>tokens</c>, fixed tokens given in configuration (secrets: <c>env:</c> / <c>file:</c>).
/// </summary>
internal sealed class BearerAuthSchemeFactory(TokenHasher hasher, IServiceProvider services, TimeProvider clock) : IAuthSchemeFactory
{
    public string Scheme => "bearer";

    public IInboundAuthenticator Create(ComponentSettings settings)
    {
        foreach (var child in settings.Section.GetChildren())
        {
            if (child.Key is not ("scope" or "tokens"))
            {
                throw settings.Error(child.Key, "unknown setting (expected scope, tokens)");
            }
        }

        var scope = settings.Optional("scope") ?? ScopeOf(settings.HookName);
        var configured = settings.List("tokens")
            .Select((token, index) => settings.ResolveSecret($"tokens:{index}", token).Trim())
            .Select((token, index) => token.Length >= 16 ? hasher.Hash(token) : throw settings.Error($"tokens:{index}", "a token must be at least 16 characters"))
            .ToArray();
        var store = services.GetService(typeof(IAuthTokenStore)) as IAuthTokenStore;
        return new BearerAuthenticator(scope, configured, hasher, store, store is null ? null : new TokenUsage(store, clock), clock);
    }

    /// <summary>The default scope of a hook's tokens.</summary>
    public static string ScopeOf(string hookName) => $"hook:{hookName}";
}
