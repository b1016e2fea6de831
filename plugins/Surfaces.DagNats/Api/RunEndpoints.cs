using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.DagNats.Triggers;

namespace Webhooks.Modular.Surfaces.DagNats.Api;

/// <summary>
/// Reading workflow runs: <c>GET /v1/runs/{id}</c> (a run's status and output) and <c>GET /v1/runs?trigger=&amp;limit=</c>
/// (a trigger's recent runs, newest first). Only runs of DagNats triggers; as the engine's <c>GET /runs/{id}</c>, open
/// to anyone who can reach the server.
/// </summary>
internal sealed class RunEndpoints(IRunQueue runs)
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 500;

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/runs/{id}", GetAsync).WithSummary("A workflow run: status, steps and outputs").Produces<RunView>();
        endpoints.MapGet("/v1/runs", ListAsync).WithSummary("The latest workflow runs").Produces<RunList>();
    }

    private async Task<IResult> GetAsync(string id, HttpContext context) =>
        await runs.GetRunAsync(id, context.RequestAborted) is { } run && RunView.FromAnyRun(run) is { } view
            ? ApiResults.Ok(view)
            : ApiResults.Error(StatusCodes.Status404NotFound, $"no run with id '{id}'");

    private async Task<IResult> ListAsync(string? trigger, string? limit, HttpContext context)
    {
        if (!TriggerNames.IsValid(trigger))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, $"?trigger= must name a trigger ({TriggerNames.Rule})");
        }

        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > MaxLimit))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, $"?limit= must be a whole number from 1 to {MaxLimit}");
        }

        var recent = await runs.ListRunsAsync(TriggerNames.HookName(trigger!), count, context.RequestAborted);
        return ApiResults.Ok(new RunList([.. recent.Select(run => RunView.From(trigger!, run))]));
    }
}
