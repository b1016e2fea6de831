using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Surfaces.Dagu.Dags;
using Webhooks.Modular.Surfaces.Dagu.Runs;
using Webhooks.Modular.Surfaces.Dagu.Trigger;
using Webhooks.Modular.Surfaces.Dagu.Webhooks;

namespace Webhooks.Modular.Surfaces.Dagu.Api;

/// <summary>
/// <c>POST /api/v1/webhooks/{name}</c> with the DAG's webhook token: translated into a request for the DAG's hook
/// (<c>dagu.{name}</c>, served only through this surface), whose pipeline authenticates it, reads the body within
/// its limit and enqueues the run; the outcome is translated back into Dagu's answers.
/// </summary>
internal sealed class TriggerEndpoint(IWebhookReceiver receiver, IHookCatalog catalog, DagLoader dags, TimeProvider clock)
{
    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapPost("/api/v1/webhooks/{name}", TriggerAsync)
        .WithName("DaguTriggerWebhook")
        .WithSummary("Start a run of the DAG {name} with the webhook's token (Authorization: Bearer)")
        .DescribesBody(typeof(System.Text.Json.JsonElement), "application/json")
        .Produces<TriggerAccepted>()
        .ProducesErrors(typeof(ApiError), 408, 413, 415, 429)
        .WithMetadata(ApiExample.Request("""{"payload":{"ref":"refs/heads/main"},"dagRunId":"deploy-42"}"""));

    private async Task<IResult> TriggerAsync(string name, HttpContext context)
    {
        // Before anything else, and before reading a byte of it. A chunked body has no declared length: the hook's
        // own limit stops reading it as soon as it passes 1 MiB.
        if (context.Request.ContentLength > StoredWebhook.MaxBodyBytes)
        {
            return ApiResults.PayloadTooLarge(StoredWebhook.MaxBodyBytes);
        }

        // Webhooks are created by signed-in users: without builtin auth there are none, and triggering is not configured.
        if (!ApiCaller.HasBuiltinAuth(context))
        {
            return ApiResults.NotFound("webhook triggering is not configured on this server");
        }

        if (!DagNames.IsValid(name) || catalog.IsEnabled(DagNames.HookName(name)) is null)
        {
            return ApiResults.NotFound($"no webhook is configured for DAG '{name}'");
        }

        if (!dags.Exists(name))
        {
            return ApiResults.NotFound($"DAG '{name}' not found");
        }

        var inbound = HttpInbound.Create(context, DagNames.HookName(name)) with
        {
            Surface = StoredWebhook.Surface,
            SelectInput = TriggerBody.SelectInput,
            Validate = request => TriggerBody.TrySelectDagRunId(request, out _, out var error) ? null : error,
            SelectRunId = request => SelectRunId(name, request),
        };

        var outcome = await receiver.ReceiveAsync(inbound, context.RequestAborted);

        context.Response.Headers["X-Request-Id"] = outcome.RequestId;
        if (outcome.Replayed)
        {
            // A retry of an accepted request: the first request's answer again, marked as the generic surface marks it.
            context.Response.Headers["Idempotent-Replayed"] = "true";
        }

        return outcome.Status switch
        {
            ReceiveStatus.Accepted or ReceiveStatus.NotTriggered => ApiResults.Ok(new TriggerAccepted(DagRunIds.Strip(name, outcome.RunIds.FirstOrDefault() ?? string.Empty), name)),
            ReceiveStatus.HookNotFound => ApiResults.NotFound($"no webhook is configured for DAG '{name}'"),
            ReceiveStatus.PayloadTooLarge => ApiResults.PayloadTooLarge(StoredWebhook.MaxBodyBytes),
            ReceiveStatus.Unauthorized => Unauthorized(context, outcome),
            ReceiveStatus.Forbidden => ApiResults.Forbidden($"the webhook of DAG '{name}' is disabled"),
            ReceiveStatus.Duplicate => ApiResults.AlreadyExists(
                $"dag-run '{DagRunIds.Strip(name, outcome.RunIds.FirstOrDefault() ?? string.Empty)}' already exists for DAG '{name}'"),
            ReceiveStatus.MethodNotAllowed => ApiResults.Error(StatusCodes.Status405MethodNotAllowed, "method_not_allowed", "use POST"),
            ReceiveStatus.UnsupportedMediaType => ApiResults.Error(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", outcome.Detail ?? "unsupported media type"),
            ReceiveStatus.BadRequest => ApiResults.BadRequest(outcome.Detail ?? "bad request"),
            ReceiveStatus.RequestTimeout => ApiResults.Error(StatusCodes.Status408RequestTimeout, "request_timeout", outcome.Detail ?? "the request body did not arrive in time"),
            ReceiveStatus.TooManyRequests => TooManyRequests(context, outcome),
            _ => ApiResults.Error(StatusCodes.Status500InternalServerError, "internal_error", "unexpected outcome"),
        };
    }

    /// <summary>The stored run id: the body's <c>dagRunId</c>, or a new UUIDv7, prefixed with the DAG (run ids are unique per DAG).</summary>
    /// <remarks>Validate has already refused a malformed <c>dagRunId</c>.</remarks>
    private string SelectRunId(string dag, WebhookRequest request)
    {
        TriggerBody.TrySelectDagRunId(request, out var dagRunId, out _);
        return DagRunIds.Compose(dag, dagRunId ?? Guid.CreateVersion7(clock.GetUtcNow()).ToString());
    }

    private static IResult TooManyRequests(HttpContext context, ReceiveOutcome outcome)
    {
        context.Response.Headers.RetryAfter = (outcome.RetryAfterSeconds ?? 1).ToString(CultureInfo.InvariantCulture);
        return ApiResults.Error(StatusCodes.Status429TooManyRequests, "too_many_requests", "too many invalid webhook tokens from this address; try again later");
    }

    private static IResult Unauthorized(HttpContext context, ReceiveOutcome outcome)
    {
        // Which check failed (no header, not Bearer, unknown token, another DAG's token) is the operator's to read in the log.
        context.Response.Headers.WWWAuthenticate = outcome.Challenge ?? "Bearer";
        return ApiResults.Unauthorized("missing or invalid webhook token");
    }
}
