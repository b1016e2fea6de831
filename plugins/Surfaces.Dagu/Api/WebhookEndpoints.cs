using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Surfaces.Dagu.Dags;
using Webhooks.Modular.Surfaces.Dagu.Webhooks;

namespace Webhooks.Modular.Surfaces.Dagu.Api;

/// <summary>
/// Managing a DAG's webhook: create, get, list, regenerate its token, enable or disable, delete. Developers,
/// managers and admins only.
/// </summary>
internal sealed class WebhookEndpoints(DagWebhooks webhooks, DagLoader dags)
{
    // A toggle body is {"enabled":false}; anything this large is not one.
    private const int MaxToggleBodyBytes = 16 * 1024;

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/dags/{name}/webhook", CreateAsync).WithSummary("Create the DAG's webhook; the answer holds its token, shown once").Produces<IssuedWebhook>(StatusCodes.Status201Created);
        endpoints.MapGet("/api/v1/dags/{name}/webhook", GetAsync).WithSummary("The DAG's webhook (without its token)").Produces<WebhookView>();
        endpoints.MapDelete("/api/v1/dags/{name}/webhook", DeleteAsync).WithSummary("Delete the DAG's webhook").Produces(StatusCodes.Status204NoContent);
        endpoints.MapPost("/api/v1/dags/{name}/webhook/regenerate", RegenerateAsync).WithSummary("Replace the webhook's token; the old one stops working").Produces<IssuedWebhook>();
        endpoints.MapPost("/api/v1/dags/{name}/webhook/toggle", ToggleAsync).WithSummary("Enable or disable the webhook").DescribesBody(typeof(System.Text.Json.JsonElement), "application/json").Produces<WebhookView>().WithMetadata(ApiExample.Request("""{"enabled":false}"""));
        endpoints.MapGet("/api/v1/webhooks", (Delegate)ListAsync).WithSummary("Every DAG webhook").Produces<WebhookList>(); // a Delegate, not a RequestDelegate: its IResult is the answer
    }

    private async Task<IResult> CreateAsync(string name, HttpContext context)
    {
        var (user, refusal) = await ApiCaller.WebhookManagerAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        if (!dags.Exists(name))
        {
            return DagNotFound(name);
        }

        return await webhooks.CreateAsync(name, user, context.RequestAborted) is { } created
            ? ApiResults.Ok(created, StatusCodes.Status201Created)
            : ApiResults.AlreadyExists($"DAG '{name}' already has a webhook");
    }

    private async Task<IResult> GetAsync(string name, HttpContext context)
    {
        var (user, refusal) = await ApiCaller.WebhookManagerAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        return DagNames.IsValid(name) && await webhooks.GetAsync(name, context.RequestAborted) is { } webhook
            ? ApiResults.Ok(webhook)
            : NoWebhook(name);
    }

    private async Task<IResult> ListAsync(HttpContext context)
    {
        var (user, refusal) = await ApiCaller.WebhookManagerAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        return ApiResults.Ok(new WebhookList(await webhooks.ListAsync(context.RequestAborted)));
    }

    private async Task<IResult> RegenerateAsync(string name, HttpContext context)
    {
        var (user, refusal) = await ApiCaller.WebhookManagerAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        return DagNames.IsValid(name) && await webhooks.RegenerateAsync(name, user, context.RequestAborted) is { } regenerated
            ? ApiResults.Ok(regenerated)
            : NoWebhook(name);
    }

    private async Task<IResult> ToggleAsync(string name, HttpContext context)
    {
        var (user, refusal) = await ApiCaller.WebhookManagerAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        var enabled = await ReadEnabledAsync(context.Request, context.RequestAborted);
        if (enabled is null)
        {
            return ApiResults.BadRequest("the body must be {\"enabled\": true} or {\"enabled\": false}");
        }

        return DagNames.IsValid(name) && await webhooks.SetEnabledAsync(name, enabled.Value, user, context.RequestAborted) is { } toggled
            ? ApiResults.Ok(toggled)
            : NoWebhook(name);
    }

    private async Task<IResult> DeleteAsync(string name, HttpContext context)
    {
        var (user, refusal) = await ApiCaller.WebhookManagerAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        return DagNames.IsValid(name) && await webhooks.DeleteAsync(name, user, context.RequestAborted)
            ? Results.NoContent()
            : NoWebhook(name);
    }

    /// <summary>The body's <c>enabled</c>, or <c>null</c> when the body is not a JSON object with a boolean <c>enabled</c>.</summary>
    private static async Task<bool?> ReadEnabledAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxToggleBodyBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > MaxToggleBodyBytes)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("enabled", out var enabled)
                && enabled.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? enabled.GetBoolean()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult DagNotFound(string name) => ApiResults.NotFound($"DAG '{name}' not found");

    private static IResult NoWebhook(string name) => ApiResults.NotFound($"no webhook is configured for DAG '{name}'");
}
