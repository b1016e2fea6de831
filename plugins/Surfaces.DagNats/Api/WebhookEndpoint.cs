using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Surfaces.DagNats.Triggers;

namespace Webhooks.Modular.Surfaces.DagNats.Api;

/// <summary>
/// <c>POST /v1/webhooks/{name}</c>: translated into a request for the trigger's hook (<c>dagnats.{name}</c>, served only
/// through this surface) whose pipeline checks the content type and size, verifies the signature, stores the event
/// <c>event.webhook.{name}</c> and enqueues the workflow's run (and the runs of the event triggers that match it, in the
/// same transaction); the outcome is translated back.
/// </summary>
internal sealed class WebhookEndpoint(IWebhookReceiver receiver, ServedTriggers triggers)
{
    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapPost("/v1/webhooks/{id}", ReceiveAsync)
        .WithName("DagNatsWebhook")
        .WithSummary("Receive a webhook: starts the workflow and publishes event.webhook.{name}")
        .DescribesBody(typeof(System.Text.Json.JsonElement), "application/json")
        .Produces<WebhookAccepted>(StatusCodes.Status202Accepted)
        .ProducesErrors(typeof(ApiError), 403, 409, 413, 415, 429)
        .WithMetadata(ApiExample.Request("""{"order":"A-1001","total":42.5}"""));

    // The route calls the webhook's name {id}: a deployment that also loads Danube (GET/PATCH/DELETE /v1/webhooks/{id}) would
    // otherwise have two OpenAPI paths that differ only in the parameter's name, which the specification forbids.
    private async Task<IResult> ReceiveAsync([FromRoute(Name = "id")] string name, HttpContext context)
    {
        // Before the pipeline: an event trigger has a hook too, but no endpoint.
        if (!TriggerNames.IsValid(name) || triggers.Find(name) is not { IsWebhook: true })
        {
            return NotFound(name);
        }

        var subject = TriggerNames.WebhookSubject(name);
        var inbound = HttpInbound.Create(context, TriggerNames.HookName(name)) with
        {
            Surface = TriggerDefinitions.Surface,
            EventSubject = subject,
        };

        var outcome = await receiver.ReceiveAsync(inbound, context.RequestAborted);
        context.Response.Headers["X-Request-Id"] = outcome.RequestId;
        if (outcome.Replayed)
        {
            // A retry of an accepted request: the first request's answer again, marked as the generic surface marks it.
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        switch (outcome.Status)
        {
            case ReceiveStatus.Accepted:
                return ApiResults.Ok(new WebhookAccepted(outcome.RunIds.FirstOrDefault(), outcome.EventId, subject, outcome.RequestId));
            case ReceiveStatus.NotTriggered:
                return Results.NoContent();
            case ReceiveStatus.MethodNotAllowed:
                context.Response.Headers.Allow = string.Join(", ", outcome.AllowedMethods);
                return ApiResults.Error(StatusCodes.Status405MethodNotAllowed, "use POST");
            case ReceiveStatus.TooManyRequests:
                context.Response.Headers.RetryAfter = (outcome.RetryAfterSeconds ?? 1).ToString(CultureInfo.InvariantCulture);
                return ApiResults.Error(StatusCodes.Status429TooManyRequests, "too many failed signatures from this address; try again later");
            default:
                var (status, message) = Describe(outcome, name);
                return ApiResults.Error(status, message);
        }
    }

    private static (int Status, string Message) Describe(ReceiveOutcome outcome, string name) => outcome.Status switch
    {
        ReceiveStatus.HookNotFound => (StatusCodes.Status404NotFound, NotFoundMessage(name)),
        ReceiveStatus.PayloadTooLarge => (StatusCodes.Status413PayloadTooLarge, $"request body exceeds {TriggerDefinitions.MaxBodyBytes} bytes"),
        ReceiveStatus.UnsupportedMediaType => (StatusCodes.Status415UnsupportedMediaType, $"Content-Type must be {TriggerDefinitions.ContentType}"),

        // Which check failed (no header, wrong signature) is the operator's to read in the log.
        ReceiveStatus.Unauthorized => (StatusCodes.Status401Unauthorized, "missing or invalid signature"),
        ReceiveStatus.Forbidden => (StatusCodes.Status403Forbidden, $"trigger '{name}' is disabled"),
        ReceiveStatus.Duplicate => (StatusCodes.Status409Conflict, outcome.Detail ?? "already received"),
        ReceiveStatus.BadRequest => (StatusCodes.Status400BadRequest, outcome.Detail ?? "bad request"),
        ReceiveStatus.RequestTimeout => (StatusCodes.Status408RequestTimeout, outcome.Detail ?? "the request body did not arrive in time"),
        _ => (StatusCodes.Status500InternalServerError, "unexpected outcome"),
    };

    private static IResult NotFound(string name) => ApiResults.Error(StatusCodes.Status404NotFound, NotFoundMessage(name));

    private static string NotFoundMessage(string name) => $"no webhook trigger named '{name}'";
}
