using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Webhooks.Modular.Abstractions.Surfaces;
using Webhooks.Modular.Api.Management.Access;
using Webhooks.Modular.Api.Management.Endpoints;

namespace Webhooks.Modular.Api.Management;

/// <summary>The management routes: reads open to every signed-in role, changes to operators and up.</summary>
internal sealed class ManagementApi(
    EventEndpoints events, RunEndpoints runs, DeliveryEndpoints deliveries, DestinationEndpoints destinations, HookEndpoints hooks, ReplayJobEndpoints replayJobs, SearchEndpoints search,
    RejectionEndpoints rejections, EventReplayEndpoints eventReplays) : IApiSurface
{
    public const string Prefix = "/api/v1";

    public void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).WithTags("Management");
        api.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status501NotImplemented);
        var read = api.MapGroup(string.Empty).AddEndpointFilter(new CallerFilter(Permission.Read));
        var change = api.MapGroup(string.Empty).AddEndpointFilter(new CallerFilter(Permission.Change))
            .ProducesProblem(StatusCodes.Status403Forbidden);
        events.Map(read);
        runs.Map(read, change);
        deliveries.Map(read, change);
        destinations.Map(read, change);
        hooks.Map(read);
        replayJobs.Map(read, change);
        search.Map(read);
        rejections.Map(read);
        eventReplays.Map(change);
    }
}
