using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Surfaces.Dagu.Api;

/// <summary>Dagu's routes: webhook management, the trigger, and the run views.</summary>
internal sealed class DaguApi(WebhookEndpoints webhooks, TriggerEndpoint trigger, DagRunEndpoints runs) : IApiSurface
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        // Dagu's error body on every route, for the API document.
        var api = endpoints.MapGroup(string.Empty).WithTags("Dagu")
            .ProducesErrors(typeof(ApiError), 400, 401, 403, 404, 409);
        webhooks.Map(api);
        trigger.Map(api);
        runs.Map(api);
    }
}
