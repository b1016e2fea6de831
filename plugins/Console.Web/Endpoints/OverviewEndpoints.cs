using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Console.Web.Pages;
using Webhooks.Modular.Console.Web.Rendering;

namespace Webhooks.Modular.Console.Web.Endpoints;

/// <summary><c>/console</c>: totals, the backlog (queued runs, outbox), and each hook's and destination's health.</summary>
internal sealed class OverviewEndpoints
{
    public void Map(IEndpointRouteBuilder console) => console.MapGet(string.Empty, (Delegate)ShowAsync).ExcludeFromDescription();

    /// <summary>Every destination with its last success and circuit; <c>null</c> without a destination manager.</summary>
    public static async Task<IReadOnlyList<DestinationHealth>?> DestinationsAsync(HttpContext context)
    {
        var services = context.RequestServices;
        if (services.GetService<IDestinationManager>() is not { } manager)
        {
            return null;
        }

        var destinations = await manager.ListAsync(null, context.RequestAborted).ConfigureAwait(false);
        var successes = services.GetService<IDeliveryQueries>() is { } queries
            ? await queries.ListLastSuccessesAsync(context.RequestAborted).ConfigureAwait(false)
            : new Dictionary<string, DateTimeOffset>();
        var circuits = services.GetService<IDestinationCircuits>();
        return destinations
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(d => new DestinationHealth(d, successes.TryGetValue(d.Id, out var at) ? at : null, circuits?.Get(d.Id)))
            .ToList();
    }

    private static async Task<IResult> ShowAsync(HttpContext context)
    {
        var (user, refusal) = await Gate.ReadAsync(context).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var services = context.RequestServices;
        var hooks = services.GetService<IEventQueries>() is { } events
            ? await events.ListHookActivityAsync(context.RequestAborted).ConfigureAwait(false)
            : null;
        var backlog = services.GetService<IStoreBacklog>() is { } store
            ? await store.GetBacklogAsync(context.RequestAborted).ConfigureAwait(false)
            : null;
        var model = new OverviewModel(hooks?.OrderBy(h => h.HookName, StringComparer.Ordinal).ToList(), backlog, await DestinationsAsync(context).ConfigureAwait(false));
        return await PageRenderer.RenderAsync<OverviewPage>(context, user, model).ConfigureAwait(false);
    }
}
