using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Danube.Api.Views;
using Webhooks.Modular.Surfaces.Danube.Auth;
using Webhooks.Modular.Surfaces.Danube.Configuration;
using Webhooks.Modular.Surfaces.Danube.Diagnostics;
using Webhooks.Modular.Surfaces.Danube.Requests;

namespace Webhooks.Modular.Surfaces.Danube.Api;

/// <summary>
/// <c>/v1/webhooks</c>: subscriptions as destinations of owner <c>danube</c>, in Danube's envelope, signed the Danube
/// way. Other owners' destinations do not exist here (404).
/// </summary>
internal sealed class WebhookEndpoints(
    IDestinationManager destinations, RequestValidator validator, DanubeCaller callers, DanubeOptions options, ILogger<WebhookEndpoints> logger)
{
    /// <summary>A subscription body is a url, a few event types and 500 characters of description: this is plenty.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public void Map(IEndpointRouteBuilder endpoints)
    {
        // Delegates, not RequestDelegates: their IResult is the answer.
        endpoints.MapPost("/v1/webhooks", (Delegate)CreateAsync).WithSummary("Subscribe a url to event types; the answer holds the signing secret, shown once")
            .DescribesBody(typeof(System.Text.Json.JsonElement), "application/json").Produces<CreatedWebhookView>(StatusCodes.Status201Created)
            .WithMetadata(ApiExample.Request("""{"url":"https://example.com/danube","events":["workflow.completed"],"description":"ops"}"""));
        endpoints.MapGet("/v1/webhooks", (Delegate)ListAsync).WithSummary("Every subscription").Produces<WebhookView[]>();
        endpoints.MapGet("/v1/webhooks/{id}", GetAsync).WithSummary("One subscription").Produces<WebhookView>();
        endpoints.MapPatch("/v1/webhooks/{id}", UpdateAsync).WithSummary("Change a subscription's url, events, description or active flag").DescribesBody(typeof(System.Text.Json.JsonElement), "application/json").Produces<WebhookView>();
        endpoints.MapDelete("/v1/webhooks/{id}", DeleteAsync).WithSummary("Delete a subscription").Produces(StatusCodes.Status204NoContent);
        endpoints.MapPost("/v1/webhooks/{id}/rotate-secret", RotateAsync).WithSummary("Replace the signing secret (the old one is accepted for a grace period)").Produces<SecretView>();
    }

    /// <summary>The subscription, or <c>null</c> when there is none with this id among Danube's.</summary>
    public static async Task<DestinationRecord?> FindAsync(IDestinationManager destinations, string id, CancellationToken cancellationToken) =>
        await destinations.GetAsync(id, cancellationToken).ConfigureAwait(false) is { Owner: DanubeDefaults.Owner } destination ? destination : null;

    public static IResult NoWebhook(string id) => DanubeResults.NotFound($"webhook '{id}' not found");

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var (caller, refusal) = await callers.AuthenticateAsync(context, Access.Manage);
        if (caller is null)
        {
            return refusal!;
        }

        var body = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return DanubeResults.TooLarge(MaxBodyBytes);
        }

        if (!validator.TryParseCreate(body, out var webhook, out var error))
        {
            return DanubeResults.Invalid(error);
        }

        var spec = new DestinationSpec(DanubeDefaults.Owner, webhook.Url, webhook.Events)
        {
            Description = webhook.Description,
            Channel = DanubeDefaults.Channel,
            Format = DanubeDefaults.Format,
            Signing = DanubeDefaults.Signing,
            Retry = options.Retry,
        };

        CreatedDestination created;
        try
        {
            created = await destinations.CreateAsync(spec, context.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            return ManagerErrors.Answer(ex);
        }

        Log.WebhookCreated(logger, created.Destination.Id, caller.Name, string.Join(", ", created.Destination.EventTypes));
        context.Response.Headers.CacheControl = "no-store"; // the secret is in it
        return DanubeResults.Ok(CreatedWebhookView.From(created), StatusCodes.Status201Created);
    }

    private async Task<IResult> ListAsync(HttpContext context)
    {
        var (caller, refusal) = await callers.AuthenticateAsync(context, Access.Read);
        if (caller is null)
        {
            return refusal!;
        }

        var all = await destinations.ListAsync(DanubeDefaults.Owner, context.RequestAborted);
        return DanubeResults.Ok(all.Select(WebhookView.From).ToList());
    }

    private async Task<IResult> GetAsync(string id, HttpContext context)
    {
        var (caller, refusal) = await callers.AuthenticateAsync(context, Access.Read);
        if (caller is null)
        {
            return refusal!;
        }

        return await FindAsync(destinations, id, context.RequestAborted) is { } destination
            ? DanubeResults.Ok(WebhookView.From(destination))
            : NoWebhook(id);
    }

    private async Task<IResult> UpdateAsync(string id, HttpContext context)
    {
        var (caller, refusal) = await callers.AuthenticateAsync(context, Access.Manage);
        if (caller is null)
        {
            return refusal!;
        }

        var body = await RequestBody.ReadAsync(context.Request, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return DanubeResults.TooLarge(MaxBodyBytes);
        }

        if (!validator.TryParseUpdate(body, out var changes, out var error))
        {
            return DanubeResults.Invalid(error);
        }

        if (await FindAsync(destinations, id, context.RequestAborted) is null)
        {
            return NoWebhook(id);
        }

        DestinationRecord? updated;
        try
        {
            updated = await destinations.UpdateAsync(id, changes.Url, changes.Events, changes.Description, changes.IsActive, context.RequestAborted);
        }
        catch (ArgumentException ex)
        {
            return ManagerErrors.Answer(ex);
        }

        if (updated is null)
        {
            return NoWebhook(id);
        }

        Log.WebhookChanged(logger, id, caller.Name, Fields(changes));
        return DanubeResults.Ok(WebhookView.From(updated));
    }

    private async Task<IResult> DeleteAsync(string id, HttpContext context)
    {
        var (caller, refusal) = await callers.AuthenticateAsync(context, Access.Manage);
        if (caller is null)
        {
            return refusal!;
        }

        if (await FindAsync(destinations, id, context.RequestAborted) is null || !await destinations.DeleteAsync(id, context.RequestAborted))
        {
            return NoWebhook(id);
        }

        Log.WebhookDeleted(logger, id, caller.Name);
        return Results.NoContent();
    }

    private async Task<IResult> RotateAsync(string id, HttpContext context)
    {
        var (caller, refusal) = await callers.AuthenticateAsync(context, Access.Manage);
        if (caller is null)
        {
            return refusal!;
        }

        if (await FindAsync(destinations, id, context.RequestAborted) is null
            || await destinations.RotateSecretAsync(id, options.RotationGrace, context.RequestAborted) is not { } secret)
        {
            return NoWebhook(id);
        }

        Log.SecretRotated(logger, id, caller.Name, options.RotationGrace);
        context.Response.Headers.CacheControl = "no-store";
        return DanubeResults.Ok(new SecretView(id, secret));
    }

    private static string Fields(WebhookChanges changes) => string.Join(", ", new[]
    {
        changes.Url is null ? null : "url",
        changes.Events is null ? null : "events",
        changes.Description is null ? null : "description",
        changes.IsActive is null ? null : changes.IsActive.Value ? "enabled" : "disabled",
    }.OfType<string>());
}
