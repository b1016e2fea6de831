using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Surfaces.Danube.Api;

/// <summary>Danube's routes: subscriptions, their deliveries, and publishing events.</summary>
internal sealed class DanubeApi(WebhookEndpoints webhooks, DeliveryEndpoints deliveries, EventEndpoint events) : IApiSurface
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        webhooks.Map(endpoints);
        deliveries.Map(endpoints);
        events.Map(endpoints);
    }
}
