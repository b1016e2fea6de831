using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Api.Management.Access;
using Webhooks.Modular.Api.Management.Paging;
using Webhooks.Modular.Api.Management.Views;

namespace Webhooks.Modular.Api.Management.Endpoints;

/// <summary><c>/api/v1/events</c>: stored events, filtered and paged, and one with its body, runs and deliveries.</summary>
internal sealed class EventEndpoints
{
    // An event starts a handful of runs and deliveries; this bounds the detail of a pathological one.
    private const int MaxChildren = 500;

    public void Map(IEndpointRouteBuilder read)
    {
        read.MapGet("/events", ListAsync)
            .WithName("ManagementListEvents")
            .WithSummary("Stored events, newest first; filters: hook, subject, requestId, from, to; paged by limit and cursor")
            .Produces<Page<EventSummaryView>>();
        read.MapGet("/events/{id}", GetAsync)
            .WithName("ManagementGetEvent")
            .WithSummary("An event: raw body, headers (credentials redacted), and the runs and deliveries it started")
            .Produces<EventDetailView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, string? hook, string? subject, string? requestId, string? from, string? to, string? limit, string? cursor)
    {
        if (context.RequestServices.GetService<IEventQueries>() is not { } queries)
        {
            return Problems.Unsupported("event queries");
        }

        var (parameters, error) = ListParameters.Parse(limit, cursor, from, to);
        if (parameters is null)
        {
            return Problems.BadRequest(error!);
        }

        if (parameters.After is { } after && !Guid.TryParse(after.Id, out _))
        {
            return Problems.BadRequest("cursor is not one this API gave for events: pass the 'next' link of the previous page as it is");
        }

        var rows = await queries.QueryEventsAsync(
            new EventQuery
            {
                HookName = Blank(hook), Subject = Blank(subject), RequestId = Blank(requestId),
                From = parameters.From, To = parameters.To, After = parameters.After, Limit = parameters.Limit + 1,
            },
            context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(Pages.From(context.Request, rows, parameters.Limit, e => new PageKey(e.ReceivedAt, e.Id.ToString()), EventSummaryView.From));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IEventStore events)
    {
        var runs = context.RequestServices.GetService<IRunQueries>();
        var deliveries = context.RequestServices.GetService<IDeliveryQueries>();
        if (runs is null || deliveries is null)
        {
            return Problems.Unsupported("run and delivery queries");
        }

        if (!Guid.TryParse(id, out var eventId) || await events.GetEventAsync(eventId, context.RequestAborted).ConfigureAwait(false) is not { } stored)
        {
            return Problems.NotFound($"no event with id '{id}'");
        }

        var started = await runs.QueryRunsAsync(new RunQuery { EventId = eventId, Limit = MaxChildren }, context.RequestAborted).ConfigureAwait(false);
        var sent = await deliveries.QueryDeliveriesAsync(new DeliveryQuery { EventId = eventId, Limit = MaxChildren }, context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(EventDetailView.From(stored, started.Select(RunView.From).ToList(), sent.Select(DeliveryView.From).ToList()));
    }

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
