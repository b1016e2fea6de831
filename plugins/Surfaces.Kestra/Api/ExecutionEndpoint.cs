using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Surfaces.Kestra.Flows;
using Webhooks.Modular.Surfaces.Kestra.Runs;

namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>
/// <c>GET /api/v1/executions/{executionId}</c>: an execution's state and its task runs. Open, like Kestra without
/// basic auth and like the host's <c>GET /runs/{id}</c>, unless the deployment has builtin auth
/// (<see cref="IApiAuthenticator"/>): then it takes a signed-in user's session token.
/// </summary>
internal sealed class ExecutionEndpoint(IRunQueue runs, FlowCatalog flows)
{
    public const string Route = "/api/v1/executions/{executionId}";

    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapGet(Route, GetAsync).WithName("KestraExecution").WithSummary("An execution: state, task runs and outputs").Produces<ExecutionView>();

    private async Task<IResult> GetAsync(string executionId, HttpContext context)
    {
        if (context.RequestServices.GetService<IApiAuthenticator>() is { } authenticator
            && await authenticator.AuthenticateAsync(context, context.RequestAborted) is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return KestraResults.Error(StatusCodes.Status401Unauthorized, "a valid session token is required");
        }

        // Only executions: runs of this surface's hooks, not the runs of other hooks that share the store.
        var run = await runs.GetRunAsync(executionId, context.RequestAborted);
        return run is not null
            && run.ActionType == FlowActionFactory.ActionType
            && run.HookName.StartsWith(FlowIds.HookPrefix, StringComparison.Ordinal)
                ? KestraResults.Ok(ExecutionView.From(run, flows.FindHook(run.HookName)))
                : KestraResults.NotFound($"execution '{executionId}' not found");
    }
}
