using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Surfaces.DagNats.Api;

/// <summary>DagNats' routes: the webhook endpoint and the run views.</summary>
internal sealed class DagNatsApi(WebhookEndpoint webhooks, RunEndpoints runs) : IApiSurface
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        // DagNats' error body on every route, for the API document.
        var api = endpoints.MapGroup(string.Empty).WithTags("DagNats").ProducesErrors(typeof(ApiError), 400, 401, 404);
        webhooks.Map(api);
        runs.Map(api);
    }
}
