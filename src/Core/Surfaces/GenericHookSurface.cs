using System.Text.Json;
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
        Describe(endpoints.MapMethods("/hooks/{name}", AnyMethod, ReceiveAsync).WithName("ReceiveWebhook").DisableAntiforgery())
            .WithSummary("Receive a webhook for the hook {name}");

        // The same hook with a secret key in the path, for senders that can only be given a URL (auth scheme url-key).
        Describe(endpoints.MapMethods("/hooks/{name}/{key}", AnyMethod, ReceiveAsync).WithName("ReceiveWebhookWithKey").DisableAntiforgery())
            .WithSummary("Receive a webhook for the hook {name}, authenticated by the key in the path");
    }

    // The pipeline reads the body itself, as bytes (whatever the hook accepts), so the document is told what it takes.
    private static RouteHandlerBuilder Describe(RouteHandlerBuilder route) => route
        .WithTags("Hooks")
        .WithDescription("The hook's methods, content types, auth scheme and body limit decide what is accepted. 200 names the "
            + "stored event and the runs started; 204 means stored but no trigger matched; a hook may choose its own answer. "
            + "Errors are application/problem+json with the request id.")
        .DescribesBody(typeof(JsonElement), "application/json", "application/x-www-form-urlencoded", "text/plain", "application/octet-stream")
        .Produces<AcceptedResponse>(StatusCodes.Status200OK)
        .Produces(StatusCodes.Status204NoContent)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status405MethodNotAllowed)
        .ProducesProblem(StatusCodes.Status408RequestTimeout)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .WithMetadata(
            ApiExample.Request("""{"greeting":"hello"}"""),
            ApiExample.Response(
                StatusCodes.Status200OK,
                """{"requestId":"0HN8R5QK2V1J4:00000001","eventId":"3f2b8c1e-5d4a-4b6e-9c7f-1a2b3c4d5e6f","runId":"run_01J9Z8Q2X3","runIds":["run_01J9Z8Q2X3"]}"""));

    private static async Task<IResult> ReceiveAsync(string name, HttpContext context, IWebhookReceiver receiver)
    {
        var outcome = await receiver.ReceiveAsync(HttpInbound.Create(context, name), context.RequestAborted);
        return OutcomeResults.ToResult(outcome, context);
    }
}
