using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Auth.UrlKey;

/// <summary>Provides the <c>url-key</c> auth scheme: a secret key in the URL path, <c>/hooks/{name}/{key}</c>.</summary>
public sealed class UrlKeyAuthPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IAuthSchemeFactory, UrlKeyAuthSchemeFactory>();
}
