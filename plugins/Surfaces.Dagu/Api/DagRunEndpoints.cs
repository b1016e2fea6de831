using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.Dagu.Dags;
using Webhooks.Modular.Surfaces.Dagu.Runs;

namespace Webhooks.Modular.Surfaces.Dagu.Api;

/// <summary>Reading DAG runs: one run with its steps, or a DAG's recent runs. Any signed-in user.</summary>
internal sealed class DagRunEndpoints(IRunQueue runs, DagLoader dags)
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/dag-runs/{name}", ListAsync).WithSummary("The DAG's latest runs (?limit=)").Produces<DagRunList>();
        endpoints.MapGet("/api/v1/dag-runs/{name}/{dagRunId}", GetAsync).WithSummary("One run of the DAG: status, steps and output").Produces<DagRunView>();
    }

    private async Task<IResult> GetAsync(string name, string dagRunId, HttpContext context)
    {
        var (user, refusal) = await ApiCaller.SignedInAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        return DagNames.IsValid(name)
            && await runs.GetRunAsync(DagRunIds.Compose(name, dagRunId), context.RequestAborted) is { } run
            && string.Equals(run.HookName, DagNames.HookName(name), StringComparison.Ordinal)
                ? ApiResults.Ok(DagRunView.From(name, run))
                : ApiResults.NotFound($"dag-run '{dagRunId}' not found for DAG '{name}'");
    }

    private async Task<IResult> ListAsync(string name, HttpContext context)
    {
        var (user, refusal) = await ApiCaller.SignedInAsync(context);
        if (user is null)
        {
            return refusal!;
        }

        var limitText = context.Request.Query["limit"].FirstOrDefault();
        var limit = DefaultLimit;
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            return ApiResults.BadRequest($"limit must be a whole number from 1 to {MaxLimit}");
        }

        if (!DagNames.IsValid(name))
        {
            return ApiResults.NotFound($"DAG '{name}' not found");
        }

        var recent = await runs.ListRunsAsync(DagNames.HookName(name), limit, context.RequestAborted);

        // A DAG whose file was removed still shows the runs it had.
        return recent.Count == 0 && !dags.Exists(name)
            ? ApiResults.NotFound($"DAG '{name}' not found")
            : ApiResults.Ok(new DagRunList([.. recent.Select(run => DagRunSummary.From(name, run))]));
    }
}
