using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Core.Surfaces;

/// <summary>The generic surface: <c>/hooks/{name}</c> for every configured hook, any method (the hook decides, 405 otherwise).</summary>
internal sealed class GenericHookSurface : IApiSurface
{
    private static readonly string[] AnyMethod = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/hooks/{name}", AnyMethod, async (string name, HttpContext context, IWebhookReceiver receiver) =>
        {
            var outcome = await receiver.ReceiveAsync(HttpInbound.Create(context, name), context.RequestAborted);
            return OutcomeResults.ToResult(outcome, context);
        }).WithName("ReceiveWebhook").DisableAntiforgery();
    }
}
