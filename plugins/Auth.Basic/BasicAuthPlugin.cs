using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Auth.Basic;

/// <summary>Provides the <c>basic</c> auth scheme: HTTP Basic credentials (RFC 7617) checked against password hashes.</summary>
public sealed class BasicAuthPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IAuthSchemeFactory, BasicAuthSchemeFactory>();
}
