using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Surfaces.DagNats.Api;

/// <summary>DagNats' routes: the webhook endpoint and the run views.</summary>
internal sealed class DagNatsApi(WebhookEndpoint webhooks, RunEndpoints runs) : IApiSurface
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        webhooks.Map(endpoints);
        runs.Map(endpoints);
    }
}
