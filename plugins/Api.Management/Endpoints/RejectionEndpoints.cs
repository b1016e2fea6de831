using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Api.Management.Access;
using Webhooks.Modular.Api.Management.Views;

namespace Webhooks.Modular.Api.Management.Endpoints;

/// <summary><c>/api/v1/hooks/{name}/rejections</c>: why a hook refused its latest requests, for diagnosing a sender.</summary>
internal sealed class RejectionEndpoints
{
    public void Map(IEndpointRouteBuilder read) =>
        read.MapGet("/hooks/{name}/rejections", List)
            .WithName("ManagementListRejections")
            .WithSummary("A hook's latest refused requests on this host, newest first: time, remote address, status, reason, header names")
            .Produces<RejectionsView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static IResult List(string name, HttpContext context)
    {
        if (context.RequestServices.GetService<IRejectionLog>() is not { } log)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status501NotImplemented, title: "Not supported by this host", detail: $"this host keeps no {nameof(IRejectionLog)}");
        }

        var recent = log.Recent(name);
        if (recent.Count == 0 && context.RequestServices.GetService<IHookCatalog>()?.IsEnabled(name) is null)
        {
            return Problems.NotFound($"no hook named '{name}'");
        }

        return Results.Ok(new RejectionsView(name, log.Capacity, recent));
    }
}
