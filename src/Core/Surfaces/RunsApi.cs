using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Abstractions.Surfaces;

namespace Webhooks.Modular.Core.Surfaces;

/// <summary>
/// <c>GET /runs/{id}</c>, <c>GET /events/{id}</c> and <c>GET /events?subject=&amp;limit=</c>: follow one request from its
/// stored event to its run's output, and see every event, including those that matched no trigger. They show
/// payloads, so when the deployment has a sign-in (an <see cref="Abstractions.Auth.IApiAuthenticator"/>, such as
/// Auth.Builtin) they require a session of any role.
/// </summary>
internal sealed class RunsApi : IApiSurface
{
    public void Map(IEndpointRouteBuilder routes)
    {
        var endpoints = routes.MapGroup(string.Empty).AddEndpointFilter<SessionWhenDeployedFilter>();
        endpoints.WithTags("Runs and events").ProducesProblem(StatusCodes.Status401Unauthorized);
        endpoints.MapGet("/runs/{id}", async (string id, IRunQueue runs, CancellationToken cancellationToken) =>
            await runs.GetRunAsync(id, cancellationToken) is { } run
                ? Results.Ok(RunView.From(run))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Run not found", detail: $"no run with id '{id}'"))
            .WithName("GetRun")
            .WithSummary("A run: its status, attempts and output")
            .Produces<RunView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        endpoints.MapGet("/events", async (string? subject, int? limit, IEventStore events, CancellationToken cancellationToken) =>
            Results.Ok((await events.ListEventsAsync(subject, Math.Clamp(limit ?? 50, 1, 500), cancellationToken)).Select(EventView.From)))
            .WithName("ListEvents")
            .WithSummary("The latest stored events, newest first; subject filters, limit is 1 to 500 (50 by default)")
            .Produces<EventView[]>();

        endpoints.MapGet("/events/{id}", async (string id, IEventStore events, CancellationToken cancellationToken) =>
            Guid.TryParse(id, out var eventId) && await events.GetEventAsync(eventId, cancellationToken) is { } stored
                ? Results.Ok(EventView.From(stored))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Event not found", detail: $"no event with id '{id}'"))
            .WithName("GetEvent")
            .WithSummary("A stored event: its headers, body and the runs it started")
            .Produces<EventView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
