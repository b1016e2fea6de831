using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Surfaces.Danube.Api;

/// <summary>Danube's routes: subscriptions, their deliveries, and publishing events.</summary>
internal sealed class DanubeApi(WebhookEndpoints webhooks, DeliveryEndpoints deliveries, EventEndpoint events) : IApiSurface
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        // Danube's error body on every route, for the API document.
        var api = endpoints.MapGroup(string.Empty).WithTags("Danube").ProducesErrors(typeof(ApiError), 400, 401, 403, 404, 413);
        webhooks.Map(api);
        deliveries.Map(api);
        events.Map(api);
    }
}
