using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>Kestra's routes: the webhook trigger and the execution view.</summary>
internal sealed class KestraApi(WebhookEndpoint webhook, ExecutionEndpoint executions) : IApiSurface
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        webhook.Map(endpoints);
        executions.Map(endpoints);
    }
}
