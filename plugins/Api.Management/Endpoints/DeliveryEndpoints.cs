using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Api.Management.Access;
using Webhooks.Modular.Api.Management.Diagnostics;
using Webhooks.Modular.Api.Management.Paging;
using Webhooks.Modular.Api.Management.Views;

namespace Webhooks.Modular.Api.Management.Endpoints;

/// <summary><c>/api/v1/deliveries</c>: deliveries across destinations, one with its attempts, and a replay of one.</summary>
internal sealed class DeliveryEndpoints(ILogger<DeliveryEndpoints> logger)
{
    public void Map(IEndpointRouteBuilder read, IEndpointRouteBuilder change)
    {
        read.MapGet("/deliveries", ListAsync)
            .WithName("ManagementListDeliveries")
            .WithSummary("Deliveries, newest first; filters: destination, status, eventId, from, to; paged by limit and cursor")
            .Produces<Page<DeliveryView>>();
        read.MapGet("/deliveries/{id}", GetAsync)
            .WithName("ManagementGetDelivery")
            .WithSummary("A delivery: its status, body and every attempt (status, duration, response excerpt, error)")
            .Produces<DeliveryDetailView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        change.MapPost("/deliveries/{id}/replay", ReplayAsync)
            .WithName("ManagementReplayDelivery")
            .WithSummary("Send a delivery again (a dead letter or a success): it becomes pending with a fresh retry budget")
            .Produces<ReplayView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, string? destination, string? status, string? eventId, string? from, string? to, string? limit, string? cursor)
    {
        if (context.RequestServices.GetService<IDeliveryQueries>() is not { } queries)
        {
            return Problems.Unsupported("delivery queries");
        }

        var (parameters, error) = ListParameters.Parse(limit, cursor, from, to);
        if (parameters is null)
        {
            return Problems.BadRequest(error!);
        }

        DeliveryStatus? wanted = null;
        if (EventEndpoints.Blank(status) is { } statusText)
        {
            if (!Statuses.TryParseDelivery(statusText, out var parsed))
            {
                return Problems.BadRequest($"status must be {Statuses.DeliveryValues}, not '{statusText}'");
            }

            wanted = parsed;
        }

        if (!EventIdFilter.TryParse(eventId, out var eventFilter, out var eventError))
        {
            return Problems.BadRequest(eventError!);
        }

        var rows = await queries.QueryDeliveriesAsync(
            new DeliveryQuery
            {
                DestinationId = EventEndpoints.Blank(destination), Status = wanted, EventId = eventFilter,
                From = parameters.From, To = parameters.To, After = parameters.After, Limit = parameters.Limit + 1,
            },
            context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(Pages.From(context.Request, rows, parameters.Limit, d => new PageKey(d.CreatedAt, d.Id), DeliveryView.From));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context)
    {
        if (context.RequestServices.GetService<IDeliveryStore>() is not { } store)
        {
            return Problems.Unsupported("deliveries");
        }

        if (await store.GetDeliveryAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } delivery)
        {
            return Problems.NotFound($"no delivery with id '{id}'");
        }

        var attempts = await store.ListAttemptsAsync(id, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(DeliveryDetailView.From(delivery, attempts));
    }

    private async Task<IResult> ReplayAsync(string id, HttpContext context)
    {
        var store = context.RequestServices.GetService<IDeliveryStore>();
        var manager = context.RequestServices.GetService<IDestinationManager>();
        if (store is null || manager is null)
        {
            return Problems.Unsupported("deliveries");
        }

        if (await store.GetDeliveryAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } delivery)
        {
            return Problems.NotFound($"no delivery with id '{id}'");
        }

        // Pending, or it became pending (another replay) between the read and the write: the engine's replay refuses both.
        if (delivery.Status == DeliveryStatus.Pending || !await manager.ReplayAsync(id, context.RequestAborted).ConfigureAwait(false))
        {
            return Problems.Conflict($"delivery '{id}' is still pending; replay it once it has succeeded or failed");
        }

        Log.DeliveryReplayed(logger, id, Callers.IdOf(context));
        return Results.Accepted($"{ManagementApi.Prefix}/deliveries/{Uri.EscapeDataString(id)}", new ReplayView(id, Statuses.Of(DeliveryStatus.Pending)));
    }
}
