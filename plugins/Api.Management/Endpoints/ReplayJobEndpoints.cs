using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Api.Management.Access;
using Webhooks.Modular.Api.Management.Diagnostics;
using Webhooks.Modular.Api.Management.Replays;
using Webhooks.Modular.Api.Management.Views;

namespace Webhooks.Modular.Api.Management.Endpoints;

/// <summary>
/// Bulk replay: <c>POST /api/v1/destinations/{id}/replay-failed</c> starts a job over the destination's failed
/// deliveries in a time window; <c>/api/v1/replay-jobs</c> shows its progress and cancels it.
/// </summary>
internal sealed class ReplayJobEndpoints(ReplayJobs jobs, ILogger<ReplayJobEndpoints> logger)
{
    public void Map(IEndpointRouteBuilder read, IEndpointRouteBuilder change)
    {
        change.MapPost("/destinations/{id}/replay-failed", StartAsync)
            .WithName("ManagementBulkReplay")
            .WithSummary("Start a job replaying the destination's failed deliveries created in [from, to), each once; follow it at the Location")
            .Accepts<BulkReplayRequest>("application/json")
            .Produces<ReplayJobView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/replay-jobs", () => Results.Ok(jobs.List().Select(j => j.View()).ToList()))
            .WithName("ManagementListReplayJobs")
            .WithSummary("This host's bulk replays, newest first (the latest 100)")
            .Produces<ReplayJobView[]>();
        read.MapGet("/replay-jobs/{jobId}", (string jobId) => jobs.Find(jobId) is { } job ? Results.Ok(job.View()) : NoJob(jobId))
            .WithName("ManagementGetReplayJob")
            .WithSummary("A bulk replay's progress: found, replayed, skipped, status")
            .Produces<ReplayJobView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        change.MapPost("/replay-jobs/{jobId}/cancel", Cancel)
            .WithName("ManagementCancelReplayJob")
            .WithSummary("Stop a running bulk replay; deliveries already replayed stay replayed")
            .Produces<ReplayJobView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private async Task<IResult> StartAsync(string id, HttpContext context)
    {
        var queries = context.RequestServices.GetService<IDeliveryQueries>();
        var destinations = context.RequestServices.GetService<IDestinationManager>();
        if (queries is null || destinations is null)
        {
            return Problems.Unsupported("delivery queries");
        }

        BulkReplayRequest? request = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                request = await context.Request.ReadFromJsonAsync<BulkReplayRequest>(context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return Problems.BadRequest("the body must be JSON such as {\"from\": \"2026-01-31T00:00:00Z\", \"to\": \"2026-02-01T00:00:00Z\"} (both optional)");
            }
            catch (InvalidOperationException)
            {
                return Problems.BadRequest("the body must be JSON (Content-Type: application/json) with optional from and to times");
            }
        }

        if (request is { From: { } from, To: { } to } && to <= from)
        {
            return Problems.BadRequest("to must be later than from");
        }

        if (await destinations.GetAsync(id, context.RequestAborted).ConfigureAwait(false) is null)
        {
            return Problems.NotFound($"no destination with id '{id}'");
        }

        var user = Callers.IdOf(context);
        var job = jobs.Start(queries, destinations, id, request?.From, request?.To, user);
        Log.ReplayJobChanged(logger, job.Id, id, "started", user);
        return Results.Accepted($"{ManagementApi.Prefix}/replay-jobs/{job.Id}", job.View());
    }

    private IResult Cancel(string jobId, HttpContext context)
    {
        if (jobs.Find(jobId) is not { } job)
        {
            return NoJob(jobId);
        }

        job.Cancel();
        var view = job.View();
        Log.ReplayJobChanged(logger, jobId, view.DestinationId, "cancelled", Callers.IdOf(context));
        return Results.Ok(view);
    }

    private static IResult NoJob(string jobId) => Problems.NotFound($"no bulk replay '{jobId}' on this host");
}
