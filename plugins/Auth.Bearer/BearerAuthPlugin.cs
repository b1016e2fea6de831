using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Auth.Bearer.Commands;
using Webhooks.Modular.Auth.Bearer.Tokens;

namespace Webhooks.Modular.Auth.Bearer;

/// <summary>
/// Bearer tokens: the <c>bearer</c> auth scheme, an <see cref="ITokenService"/> for surfaces that hand out tokens,
/// and the <c>token</c> command (create, rotate, list, revoke). Settings: <c>prefix</c>, <c>hashKey</c>,
/// <c>hashKeyFile</c>; see the README.
/// </summary>
public sealed class BearerAuthPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        var options = BearerOptions.FromSettings(context);
        services.AddSingleton(options);
        services.AddSingleton(new TokenHasher(options.HashKey));
        services.AddSingleton<IAuthSchemeFactory>(sp =>
            new BearerAuthSchemeFactory(sp.GetRequiredService<TokenHasher>(), sp, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<ITokenService>(sp => new TokenService(
            sp.GetService<IAuthTokenStore>() ?? throw new InvalidOperationException("issuing tokens needs a storage plugin that stores tokens"),
            sp.GetRequiredService<TokenHasher>(),
            options,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IHostCommand>(sp => new TokenCommand(sp));
    }
}
