using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Surfaces.Danube.Api;
using Webhooks.Modular.Surfaces.Danube.Auth;
using Webhooks.Modular.Surfaces.Danube.Configuration;
using Webhooks.Modular.Surfaces.Danube.Events;
using Webhooks.Modular.Surfaces.Danube.Requests;

namespace Webhooks.Modular.Surfaces.Danube;

/// <summary>
/// Danube's webhook subscriptions: <c>/v1/webhooks</c> subscribes https urls to event types of a configured
/// catalogue (destinations of owner <c>danube</c>), with <c>whsec_</c> secrets, rotation, delivery lists and replay;
/// <c>POST /v1/events</c> publishes an event. Deliveries carry <c>{"event","timestamp","data"}</c> (the <c>danube</c>
/// payload format) and an <c>X-Danube-Signature</c>. Settings: <c>events</c>, <c>allowHttp</c>, <c>apiKeys</c>,
/// <c>rotationGraceHours</c>, <c>retry</c>; see the README.
/// </summary>
public sealed class DanubeSurfacePlugin : WebhookPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = DanubeOptions.FromSettings(context);
        services.AddSingleton(options);
        services.AddSingleton(new RequestValidator(options.Events, options.AllowHttp));
        services.AddSingleton(new DanubeCaller(options.ApiKeys));
        services.AddSingleton<IPayloadFormat, DanubePayloadFormat>();
        services.AddSingleton<WebhookEndpoints>();
        services.AddSingleton<DeliveryEndpoints>();
        services.AddSingleton<EventEndpoint>();
        services.AddSingleton<IApiSurface, DanubeApi>();
    }
}
