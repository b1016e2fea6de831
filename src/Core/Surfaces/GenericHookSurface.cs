using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Core.Surfaces;

/// <summary>
/// The generic surface: <c>/hooks/{name}</c> (and <c>/hooks/{name}/{key}</c>) for every configured hook, any method
/// (the hook decides, 405 otherwise).
/// </summary>
internal sealed class GenericHookSurface : IApiSurface
{
    private static readonly string[] AnyMethod = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/hooks/{name}", AnyMethod, ReceiveAsync).WithName("ReceiveWebhook").DisableAntiforgery();

        // The same hook with a secret key in the path, for senders that can only be given a URL (auth scheme url-key).
        endpoints.MapMethods("/hooks/{name}/{key}", AnyMethod, ReceiveAsync).WithName("ReceiveWebhookWithKey").DisableAntiforgery();
    }

    private static async Task<IResult> ReceiveAsync(string name, HttpContext context, IWebhookReceiver receiver)
    {
        var outcome = await receiver.ReceiveAsync(HttpInbound.Create(context, name), context.RequestAborted);
        return OutcomeResults.ToResult(outcome, context);
    }
}
