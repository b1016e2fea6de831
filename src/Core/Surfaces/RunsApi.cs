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
        endpoints.MapGet("/runs/{id}", async (string id, IRunQueue runs, CancellationToken cancellationToken) =>
            await runs.GetRunAsync(id, cancellationToken) is { } run
                ? Results.Ok(RunView.From(run))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Run not found", detail: $"no run with id '{id}'"));

        endpoints.MapGet("/events", async (string? subject, int? limit, IEventStore events, CancellationToken cancellationToken) =>
            Results.Ok((await events.ListEventsAsync(subject, Math.Clamp(limit ?? 50, 1, 500), cancellationToken)).Select(EventView.From)));

        endpoints.MapGet("/events/{id}", async (string id, IEventStore events, CancellationToken cancellationToken) =>
            Guid.TryParse(id, out var eventId) && await events.GetEventAsync(eventId, cancellationToken) is { } stored
                ? Results.Ok(EventView.From(stored))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Event not found", detail: $"no event with id '{id}'"));
    }
}
