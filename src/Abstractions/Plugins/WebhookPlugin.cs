using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Webhooks.Modular.Abstractions.Plugins;

/// <summary>A convenient base for plugins: no dependencies, no endpoints, unless overridden.</summary>
public abstract class WebhookPlugin : IWebhookPlugin
{
    /// <inheritdoc />
    public virtual IReadOnlyList<string> DependsOn => [];

    /// <inheritdoc />
    public abstract void ConfigureServices(IServiceCollection services, PluginContext context);

    /// <inheritdoc />
    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints, PluginContext context)
    {
    }
}
