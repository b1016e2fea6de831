using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Api.Management.Access;
using Webhooks.Modular.Api.Management.Paging;
using Webhooks.Modular.Api.Management.Views;

namespace Webhooks.Modular.Api.Management.Endpoints;

/// <summary><c>/api/v1/runs</c>: runs across hooks, filtered and paged, and one with its input, output and timings.</summary>
internal sealed class RunEndpoints
{
    public void Map(IEndpointRouteBuilder read)
    {
        read.MapGet("/runs", ListAsync)
            .WithName("ManagementListRuns")
            .WithSummary("Runs across hooks, newest first; filters: hook, status, eventId, requestId, from, to; paged by limit and cursor")
            .Produces<Page<RunView>>();
        read.MapGet("/runs/{id}", GetAsync)
            .WithName("ManagementGetRun")
            .WithSummary("A run: status, attempts, timings, input, output and the action's detail")
            .Produces<RunDetailView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, string? hook, string? status, string? eventId, string? requestId, string? from, string? to, string? limit, string? cursor)
    {
        if (context.RequestServices.GetService<IRunQueries>() is not { } queries)
        {
            return Problems.Unsupported("run queries");
        }

        var (parameters, error) = ListParameters.Parse(limit, cursor, from, to);
        if (parameters is null)
        {
            return Problems.BadRequest(error!);
        }

        RunStatus? wanted = null;
        if (EventEndpoints.Blank(status) is { } statusText)
        {
            if (!Statuses.TryParseRun(statusText, out var parsed))
            {
                return Problems.BadRequest($"status must be {Statuses.RunValues}, not '{statusText}'");
            }

            wanted = parsed;
        }

        Guid? eventFilter = null;
        if (EventEndpoints.Blank(eventId) is { } eventText)
        {
            if (!Guid.TryParse(eventText, out var parsed))
            {
                return Problems.BadRequest($"eventId must be an event id (a UUID), not '{eventText}'");
            }

            eventFilter = parsed;
        }

        var rows = await queries.QueryRunsAsync(
            new RunQuery
            {
                HookName = EventEndpoints.Blank(hook), Status = wanted, EventId = eventFilter, RequestId = EventEndpoints.Blank(requestId),
                From = parameters.From, To = parameters.To, After = parameters.After, Limit = parameters.Limit + 1,
            },
            context.RequestAborted).ConfigureAwait(false);
        return Results.Ok(Pages.From(context.Request, rows, parameters.Limit, r => new PageKey(r.CreatedAt, r.Id), RunView.From));
    }

    private static async Task<IResult> GetAsync(string id, IRunQueue runs, CancellationToken cancellationToken) =>
        await runs.GetRunAsync(id, cancellationToken).ConfigureAwait(false) is { } run
            ? Results.Ok(RunDetailView.From(run))
            : Problems.NotFound($"no run with id '{id}'");
}
