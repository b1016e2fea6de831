using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Api.Management.Access;
using Webhooks.Modular.Api.Management.Diagnostics;
using Webhooks.Modular.Api.Management.Views;

namespace Webhooks.Modular.Api.Management.Endpoints;

/// <summary>
/// <c>/api/v1/destinations</c>: each destination's health (failing since, last success, circuit), and enable,
/// disable and secret rotation through the engine's <see cref="IDestinationManager"/>.
/// </summary>
internal sealed class DestinationEndpoints(ILogger<DestinationEndpoints> logger, TimeProvider? clock = null)
{
    private const double DefaultGraceHours = 24;
    private const double MaxGraceHours = 720;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public void Map(IEndpointRouteBuilder read, IEndpointRouteBuilder change)
    {
        read.MapGet("/destinations", (Delegate)ListAsync)
            .WithName("ManagementListDestinations")
            .WithSummary("Every destination with its health: enabled, failing since, last success, circuit state")
            .Produces<DestinationView[]>();
        read.MapGet("/destinations/{id}", GetAsync)
            .WithName("ManagementGetDestination")
            .WithSummary("A destination with its health")
            .Produces<DestinationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        change.MapPost("/destinations/{id}/enable", (string id, HttpContext context) => SetEnabledAsync(id, true, context))
            .WithName("ManagementEnableDestination")
            .WithSummary("Enable a destination: its pending deliveries resume")
            .Produces<DestinationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        change.MapPost("/destinations/{id}/disable", (string id, HttpContext context) => SetEnabledAsync(id, false, context))
            .WithName("ManagementDisableDestination")
            .WithSummary("Disable a destination: its deliveries wait until it is enabled")
            .Produces<DestinationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        change.MapPost("/destinations/{id}/rotate-secret", RotateAsync)
            .WithName("ManagementRotateDestinationSecret")
            .WithSummary("Issue a new signing secret (shown once); the previous one keeps signing for graceHours (24 by default)")
            .Accepts<RotateRequest>("application/json")
            .Produces<RotatedSecretView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<IDestinationManager>() is not { } manager)
        {
            return Problems.Unsupported("destinations");
        }

        var destinations = await manager.ListAsync(null, context.RequestAborted).ConfigureAwait(false);
        var successes = await LastSuccessesAsync(context).ConfigureAwait(false);
        var circuits = context.RequestServices.GetService<IDestinationCircuits>();
        return Results.Ok(destinations.Select(d => DestinationView.From(d, LastSuccess(successes, d.Id), circuits?.Get(d.Id))).ToList());
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context)
    {
        if (context.RequestServices.GetService<IDestinationManager>() is not { } manager)
        {
            return Problems.Unsupported("destinations");
        }

        return await manager.GetAsync(id, context.RequestAborted).ConfigureAwait(false) is { } destination
            ? Results.Ok(await ViewAsync(destination, context).ConfigureAwait(false))
            : NoDestination(id);
    }

    private async Task<IResult> SetEnabledAsync(string id, bool enabled, HttpContext context)
    {
        if (context.RequestServices.GetService<IDestinationManager>() is not { } manager)
        {
            return Problems.Unsupported("destinations");
        }

        if (await manager.UpdateAsync(id, null, null, null, enabled, context.RequestAborted).ConfigureAwait(false) is not { } updated)
        {
            return NoDestination(id);
        }

        Log.DestinationChanged(logger, id, enabled ? "enabled" : "disabled", Callers.IdOf(context));
        return Results.Ok(await ViewAsync(updated, context).ConfigureAwait(false));
    }

    private async Task<IResult> RotateAsync(string id, HttpContext context)
    {
        if (context.RequestServices.GetService<IDestinationManager>() is not { } manager)
        {
            return Problems.Unsupported("destinations");
        }

        var graceHours = DefaultGraceHours;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            RotateRequest? request;
            try
            {
                request = await context.Request.ReadFromJsonAsync<RotateRequest>(context.RequestAborted).ConfigureAwait(false);
            }
            catch (System.Text.Json.JsonException)
            {
                return Problems.BadRequest("the body must be JSON such as {\"graceHours\": 24}");
            }
            catch (InvalidOperationException)
            {
                return Problems.BadRequest("the body must be JSON (Content-Type: application/json) such as {\"graceHours\": 24}");
            }

            if (request?.GraceHours is { } hours)
            {
                if (!double.IsFinite(hours) || hours < 0 || hours > MaxGraceHours)
                {
                    return Problems.BadRequest($"graceHours must be from 0 to {MaxGraceHours}");
                }

                graceHours = hours;
            }
        }

        var grace = TimeSpan.FromHours(graceHours);
        if (await manager.RotateSecretAsync(id, grace, context.RequestAborted).ConfigureAwait(false) is not { } secret)
        {
            return NoDestination(id);
        }

        Log.DestinationChanged(logger, id, "secret rotated", Callers.IdOf(context));
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(new RotatedSecretView(id, secret, _clock.GetUtcNow() + grace));
    }

    private static async Task<DestinationView> ViewAsync(DestinationRecord destination, HttpContext context)
    {
        var successes = await LastSuccessesAsync(context).ConfigureAwait(false);
        return DestinationView.From(
            destination, LastSuccess(successes, destination.Id), context.RequestServices.GetService<IDestinationCircuits>()?.Get(destination.Id));
    }

    private static async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastSuccessesAsync(HttpContext context) =>
        context.RequestServices.GetService<IDeliveryQueries>() is { } queries
            ? await queries.ListLastSuccessesAsync(context.RequestAborted).ConfigureAwait(false)
            : new Dictionary<string, DateTimeOffset>();

    private static DateTimeOffset? LastSuccess(IReadOnlyDictionary<string, DateTimeOffset> successes, string id) =>
        successes.TryGetValue(id, out var at) ? at : null;

    private static IResult NoDestination(string id) => Problems.NotFound($"no destination with id '{id}'");
}
