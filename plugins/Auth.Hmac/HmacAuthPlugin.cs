using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Auth.Hmac;

/// <summary>Provides the <c>hmac</c> auth scheme: an HMAC signature over the raw body, by a provider's rules.</summary>
public sealed class HmacAuthPlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IAuthSchemeFactory>(sp => new HmacAuthSchemeFactory(sp.GetService<TimeProvider>() ?? TimeProvider.System));
}
