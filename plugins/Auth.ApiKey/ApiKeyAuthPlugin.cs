using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Auth.ApiKey;

/// <summary>Provides the <c>api-key</c> auth scheme: a shared key in a header (or a query parameter).</summary>
public sealed class ApiKeyAuthPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IAuthSchemeFactory, ApiKeyAuthSchemeFactory>();
}
