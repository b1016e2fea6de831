using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Abstractions.Events;
using Webhooks.Modular.Surfaces.Danube.Api.Views;
using Webhooks.Modular.Surfaces.Danube.Auth;
using Webhooks.Modular.Surfaces.Danube.Diagnostics;
using Webhooks.Modular.Surfaces.Danube.Requests;

namespace Webhooks.Modular.Surfaces.Danube.Api;

/// <summary>
/// <c>POST /v1/events</c> <c>{"event": type, "data": {...}}</c>: how the platform, an operator or a script emits an
/// event of the catalogue. It goes on the event bus as any other: stored with one delivery per active subscription
/// to its type, in one transaction, before the 202. Apps that embed the engine use <c>IWebhookPublisher</c> instead.
/// </summary>
internal sealed class EventEndpoint(IEventBus bus, RequestValidator validator, DanubeCaller callers, ILogger<EventEndpoint> logger)
{
    /// <summary>The largest event body taken.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapPost("/v1/events", (Delegate)PublishAsync)
        .WithSummary("Publish an event to every active subscription of its type")
        .DescribesBody(typeof(System.Text.Json.JsonElement), "application/json")
        .Produces<PublishedEventView>(StatusCodes.Status202Accepted)
        .WithMetadata(ApiExample.Request("""{"event":"workflow.completed","data":{"workflowId":"wf_1","status":"ok"}}"""));

    private async Task<IResult> PublishAsync(HttpContext context)
    {
        var (caller, refusal) = await callers.AuthenticateAsync(context, Access.Operate);
        if (caller is null)
        {
            return refusal!;
        }

        var body = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return DanubeResults.TooLarge(MaxBodyBytes);
        }

        if (!validator.TryParseEvent(body, out var submission, out var error))
        {
            return DanubeResults.Invalid(error);
        }

        PublishedEvent published;
        try
        {
            published = await bus.PublishAsync(submission.Event, submission.DataJson, null, context.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            return ManagerErrors.Answer(ex);
        }

        var deliveries = published.DeliveryIds ?? [];
        Log.EventPublished(logger, published.EventId, submission.Event, caller.Name, deliveries.Count);
        return DanubeResults.Ok(new PublishedEventView(published.EventId.ToString(), deliveries), StatusCodes.Status202Accepted);
    }
}
