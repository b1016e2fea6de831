using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Surfaces.Dagu.Api;

/// <summary>Dagu's routes: webhook management, the trigger, and the run views.</summary>
internal sealed class DaguApi(WebhookEndpoints webhooks, TriggerEndpoint trigger, DagRunEndpoints runs) : IApiSurface
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        webhooks.Map(endpoints);
        trigger.Map(endpoints);
        runs.Map(endpoints);
    }
}
