using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Api.Management.Access;
using Webhooks.Modular.Api.Management.Views;

namespace Webhooks.Modular.Api.Management.Endpoints;

/// <summary><c>/api/v1/hooks</c>: every hook, configured or only remembered by its history, with counts and last activity.</summary>
internal sealed class HookEndpoints
{
    public void Map(IEndpointRouteBuilder read) =>
        read.MapGet("/hooks", ListAsync)
            .WithName("ManagementListHooks")
            .WithSummary("Hooks by name: configured or not, enabled, events and runs stored, failed runs, last event and run")
            .Produces<HookView[]>();

    private static async Task<IResult> ListAsync(HttpContext context, IHookStore store)
    {
        if (context.RequestServices.GetService<IEventQueries>() is not { } queries)
        {
            return Problems.Unsupported("hook activity");
        }

        var catalog = context.RequestServices.GetService<IHookCatalog>();
        var stored = await store.ListHooksAsync(context.RequestAborted).ConfigureAwait(false);
        var activity = (await queries.ListHookActivityAsync(context.RequestAborted).ConfigureAwait(false))
            .ToDictionary(a => a.HookName, StringComparer.Ordinal);
        var names = stored.Select(h => h.Name).Concat(activity.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return Results.Ok(names.Select(name =>
        {
            var enabled = catalog?.IsEnabled(name);
            var seen = activity.GetValueOrDefault(name);
            return new HookView(
                name, enabled is not null, enabled, seen?.Events ?? 0, seen?.LastEventAt, seen?.Runs ?? 0, seen?.FailedRuns ?? 0, seen?.LastRunAt);
        }).ToList());
    }
}
