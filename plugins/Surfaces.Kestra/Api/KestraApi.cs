using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>Kestra's routes: the webhook trigger and the execution view.</summary>
internal sealed class KestraApi(WebhookEndpoint webhook, ExecutionEndpoint executions) : IApiSurface
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        // Kestra's error body on every route, for the API document.
        var api = endpoints.MapGroup(string.Empty).WithTags("Kestra").ProducesErrors(typeof(ErrorBody), 400, 404, 409);
        webhook.Map(api);
        executions.Map(api);
    }
}
