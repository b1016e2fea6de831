using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Surfaces.Kestra.Diagnostics;
using Webhooks.Modular.Surfaces.Kestra.Flows;
using Webhooks.Modular.Surfaces.Kestra.Hooks;
using Webhooks.Modular.Surfaces.Kestra.Runs;
using Webhooks.Modular.Surfaces.Kestra.Trigger;

namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>
/// <c>GET|POST|PUT /api/v1/executions/webhook/{namespace}/{flowId}/{key}</c>: the flow is found here (404 before the
/// pipeline when there is none), the key picks its webhook trigger, and that trigger's hook does the rest (url-key
/// auth, body limit, conditions, storing the event and the run); the outcome is translated back into Kestra's answers.
/// </summary>
internal sealed class WebhookEndpoint(IWebhookReceiver receiver, FlowCatalog flows, TimeProvider clock, ILogger<WebhookEndpoint> logger)
{
    public const string Route = "/api/v1/executions/webhook/{namespace}/{flowId}/{key}";

    private static readonly string[] Methods = ["GET", "POST", "PUT"];

    public void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(Route, Methods, ReceiveAsync).WithName("KestraWebhook").DisableAntiforgery()
            .WithSummary("Trigger the flow {namespace}.{flowId} whose webhook trigger has this key")
            .DescribesBody(typeof(System.Text.Json.JsonElement), "application/json", "text/plain")
            .Produces<ExecutionView>()
            .ProducesErrors(typeof(ErrorBody), 413, 415, 429)
            .WithMetadata(ApiExample.Request("""{"dataset":"orders","rows":1200}"""));

    private async Task<IResult> ReceiveAsync(string @namespace, string flowId, string key, HttpContext context)
    {
        if (flows.Find(@namespace, flowId) is not { } flow)
        {
            return KestraResults.NotFound("Flow not found");
        }

        if (flow.Webhooks.Count == 0)
        {
            return KestraResults.NotFound("Webhook not found");
        }

        // A key that names no trigger still goes through a hook, whose url-key check refuses it (and logs why), so
        // that every refusal of a key is the engine's.
        var trigger = FlowCatalog.MatchKey(flow, key) ?? flow.Webhooks[0];
        var createdAt = clock.GetUtcNow();
        string? variables = null;
        var inbound = HttpInbound.Create(context, trigger.HookName) with
        {
            Surface = FlowHooks.Surface,
            RunId = ExecutionIds.New(clock),
            SelectInput = request => variables = TriggerVariables.ToJson(request),
        };

        var outcome = await receiver.ReceiveAsync(inbound, context.RequestAborted);
        context.Response.Headers["X-Request-Id"] = outcome.RequestId;
        if (outcome.Replayed)
        {
            // A retry of an accepted request: the first request's answer again, marked as the generic surface marks it.
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        var result = outcome.Status switch
        {
            ReceiveStatus.Accepted => KestraResults.Ok(
                ExecutionView.Accepted(outcome.RunIds.FirstOrDefault() ?? inbound.RunId!, flow, trigger, variables ?? "{}", createdAt)),
            ReceiveStatus.NotTriggered => Results.NoContent(),

            // Kestra answers an unknown key like an unknown flow: never 401.
            ReceiveStatus.Unauthorized or ReceiveStatus.HookNotFound => KestraResults.NotFound("Webhook not found"),
            ReceiveStatus.Forbidden => KestraResults.Conflict("Cannot execute disabled flow"),
            ReceiveStatus.Duplicate => KestraResults.Conflict(
                $"this idempotency key was first used by another request (execution '{outcome.RunIds.FirstOrDefault()}')"),
            ReceiveStatus.PayloadTooLarge => KestraResults.Error(StatusCodes.Status413PayloadTooLarge, outcome.Detail ?? "the body is too large"),
            ReceiveStatus.BadRequest => KestraResults.Error(StatusCodes.Status400BadRequest, outcome.Detail ?? "bad request"),
            ReceiveStatus.MethodNotAllowed => KestraResults.Error(StatusCodes.Status405MethodNotAllowed, "use GET, POST or PUT"),
            ReceiveStatus.UnsupportedMediaType => KestraResults.Error(StatusCodes.Status415UnsupportedMediaType, outcome.Detail ?? "unsupported media type"),
            ReceiveStatus.RequestTimeout => KestraResults.Error(StatusCodes.Status408RequestTimeout, outcome.Detail ?? "the request body did not arrive in time"),
            ReceiveStatus.TooManyRequests => TooManyRequests(context, outcome),
            _ => KestraResults.Error(StatusCodes.Status500InternalServerError, "unexpected outcome"),
        };

        if (outcome.Status is not (ReceiveStatus.Accepted or ReceiveStatus.NotTriggered))
        {
            Log.WebhookRefused(logger, flow.DisplayName, StatusOf(outcome.Status), outcome.Status.ToString());
        }

        return result;
    }

    private static IResult TooManyRequests(HttpContext context, ReceiveOutcome outcome)
    {
        // Wrong keys count like wrong signatures (each is answered as Kestra answers an unknown webhook, 404).
        context.Response.Headers.RetryAfter = (outcome.RetryAfterSeconds ?? 1).ToString(CultureInfo.InvariantCulture);
        return KestraResults.Error(StatusCodes.Status429TooManyRequests, "too many requests with wrong webhook keys from this address; try again later");
    }

    private static int StatusOf(ReceiveStatus status) => status switch
    {
        ReceiveStatus.Unauthorized or ReceiveStatus.HookNotFound => StatusCodes.Status404NotFound,
        ReceiveStatus.Forbidden or ReceiveStatus.Duplicate => StatusCodes.Status409Conflict,
        ReceiveStatus.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ReceiveStatus.BadRequest => StatusCodes.Status400BadRequest,
        ReceiveStatus.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ReceiveStatus.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ReceiveStatus.RequestTimeout => StatusCodes.Status408RequestTimeout,
        ReceiveStatus.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };
}
