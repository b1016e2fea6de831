using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Runs;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Api.Management.Access;
using Webhooks.Modular.Api.Management.Diagnostics;
using Webhooks.Modular.Api.Management.Paging;
using Webhooks.Modular.Api.Management.Views;

namespace Webhooks.Modular.Api.Management.Endpoints;

/// <summary><c>/api/v1/runs</c>: runs across hooks, filtered and paged, one with its input, output and timings, and a re-run of one.</summary>
internal sealed class RunEndpoints(ILogger<RunEndpoints> logger)
{
    public void Map(IEndpointRouteBuilder read, IEndpointRouteBuilder change)
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
        change.MapPost("/runs/{id}/rerun", RerunAsync)
            .WithName("ManagementRerunRun")
            .WithSummary("Queues a new run of a finished run's event and hook (same action and input), linked to it by rerunOf; the run workers execute it")
            .Produces<RunView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
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

        if (!EventIdFilter.TryParse(eventId, out var eventFilter, out var eventError))
        {
            return Problems.BadRequest(eventError!);
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

    private static async Task<IResult> GetAsync(string id, HttpContext context)
    {
        var runs = context.RequestServices.GetRequiredService<IRunQueue>();
        if (await runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } run)
        {
            return Problems.NotFound($"no run with id '{id}'");
        }

        // A store without re-runs has none to list: the detail shows an empty list rather than failing.
        var reruns = context.RequestServices.GetService<IRunReruns>() is { } store
            ? await store.ListRerunsAsync(id, context.RequestAborted).ConfigureAwait(false)
            : [];
        return Results.Ok(RunDetailView.From(run, reruns));
    }

    private async Task<IResult> RerunAsync(string id, HttpContext context)
    {
        var rerunner = context.RequestServices.GetService<IRunRerunner>();
        if (rerunner is not { Supported: true })
        {
            return Problems.Unsupported($"re-runs ({nameof(IRunReruns)})");
        }

        var runs = context.RequestServices.GetRequiredService<IRunQueue>();
        if (await runs.GetRunAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } run)
        {
            return Problems.NotFound($"no run with id '{id}'");
        }

        // A run still queued or running will yet finish (or be claimed again): a copy now would run the action twice
        // for one failure nobody has seen.
        if (run.Status is RunStatus.Queued or RunStatus.Running)
        {
            return Problems.Conflict($"run '{id}' is still {Statuses.Of(run.Status)}; re-run it once it has succeeded or failed");
        }

        if (await rerunner.RerunAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } rerun)
        {
            return Problems.NotFound($"no run with id '{id}'");
        }

        Log.RunRerun(logger, id, rerun.Id, Callers.IdOf(context));
        return Results.Accepted($"{ManagementApi.Prefix}/runs/{Uri.EscapeDataString(rerun.Id)}", RunView.From(rerun));
    }
}
