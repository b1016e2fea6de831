using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Events;
using Webhooks.Modular.Api.Management.Access;
using Webhooks.Modular.Api.Management.Diagnostics;
using Webhooks.Modular.Api.Management.Views;

namespace Webhooks.Modular.Api.Management.Endpoints;

/// <summary><c>POST /api/v1/events/{id}/replay</c>: a stored webhook event through its hook again, as a new linked event.</summary>
internal sealed class EventReplayEndpoints(ILogger<EventReplayEndpoints> logger)
{
    public void Map(IEndpointRouteBuilder change) =>
        change.MapPost("/events/{id}/replay", ReplayAsync)
            .WithName("ManagementReplayEvent")
            .WithSummary("Runs a stored webhook event through its hook again (conditions, run, triggers, destinations) as a new event linked to it")
            .Produces<EventReplayView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private async Task<IResult> ReplayAsync(string id, HttpContext context)
    {
        if (!Guid.TryParse(id, out var eventId))
        {
            return Problems.BadRequest($"id must be an event id (a UUID), not '{id}'");
        }

        if (context.RequestServices.GetService<IEventReplayer>() is not { } replayer)
        {
            return Problems.Unsupported(nameof(IEventReplayer));
        }

        var replay = await replayer.ReplayAsync(eventId, context.RequestAborted).ConfigureAwait(false);
        switch (replay.Status)
        {
            case EventReplayStatus.NotFound:
                return Problems.NotFound(replay.Detail!);
            case EventReplayStatus.NotReplayable:
                return Problems.Conflict(replay.Detail!);
        }

        var created = replay.EventId!.Value.ToString();
        Log.EventReplayed(logger, id, created, Callers.IdOf(context));
        return Results.Accepted(
            $"{ManagementApi.Prefix}/events/{created}", new EventReplayView(id, created, replay.Triggered, replay.RunIds, replay.DeliveryIds));
    }
}
