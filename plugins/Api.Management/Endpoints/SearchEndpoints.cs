using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Api.Management.Access;
using Webhooks.Modular.Api.Management.Views;

namespace Webhooks.Modular.Api.Management.Endpoints;

/// <summary>
/// <c>GET /api/v1/search?q=</c>: one box for every id an operator may hold (event, request, run, delivery) and for
/// text inside stored payloads.
/// </summary>
internal sealed class SearchEndpoints
{
    public const int MaxQueryLength = 200;
    private const int Limit = 50;

    public void Map(IEndpointRouteBuilder read) =>
        read.MapGet("/search", SearchAsync)
            .WithName("ManagementSearch")
            .WithSummary("Find events, runs and deliveries by event id, request id, run id, delivery id, or text in the payload")
            .Produces<SearchView>();

    private static async Task<IResult> SearchAsync(HttpContext context, string? q, IEventStore events, IRunQueue runs)
    {
        var text = q?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxQueryLength)
        {
            return Problems.BadRequest($"q must be 1 to {MaxQueryLength} characters: an event, request, run or delivery id, or text of a payload");
        }

        var services = context.RequestServices;
        var cancellation = context.RequestAborted;
        var foundEvents = new Dictionary<Guid, WebhookEvent>();
        var foundRuns = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        var foundDeliveries = new List<DeliveryRecord>();

        if (Guid.TryParse(text, out var eventId) && await events.GetEventAsync(eventId, cancellation).ConfigureAwait(false) is { } byId)
        {
            foundEvents[byId.Id] = byId;
        }

        if (services.GetService<IEventQueries>() is { } eventQueries)
        {
            foreach (var found in await eventQueries.QueryEventsAsync(new EventQuery { RequestId = text, Limit = Limit }, cancellation).ConfigureAwait(false))
            {
                foundEvents.TryAdd(found.Id, found);
            }
        }

        var search = services.GetService<IEventSearch>();
        if (search is not null)
        {
            foreach (var found in await search.SearchEventBodiesAsync(text, Limit, cancellation).ConfigureAwait(false))
            {
                foundEvents.TryAdd(found.Id, found);
            }
        }

        if (await runs.GetRunAsync(text, cancellation).ConfigureAwait(false) is { } run)
        {
            foundRuns[run.Id] = run;
        }

        if (services.GetService<IRunQueries>() is { } runQueries)
        {
            foreach (var found in await runQueries.QueryRunsAsync(new RunQuery { RequestId = text, Limit = Limit }, cancellation).ConfigureAwait(false))
            {
                foundRuns.TryAdd(found.Id, found);
            }
        }

        if (services.GetService<IDeliveryStore>() is { } deliveries && await deliveries.GetDeliveryAsync(text, cancellation).ConfigureAwait(false) is { } delivery)
        {
            foundDeliveries.Add(delivery);
        }

        return Results.Ok(new SearchView(
            text,
            foundEvents.Values.OrderByDescending(e => e.ReceivedAt).ThenByDescending(e => e.Id).Select(EventSummaryView.From).ToList(),
            foundRuns.Values.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(RunView.From).ToList(),
            foundDeliveries.Select(DeliveryView.From).ToList(),
            search is not null));
    }
}
