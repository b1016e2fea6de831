using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Console.Web.Access;
using Webhooks.Modular.Console.Web.Diagnostics;
using Webhooks.Modular.Console.Web.Pages;
using Webhooks.Modular.Console.Web.Rendering;

namespace Webhooks.Modular.Console.Web.Endpoints;

/// <summary><c>/console/destinations</c>: every destination's health, and enable or disable (operators and up) through the engine.</summary>
internal sealed class DestinationEndpoints(ILogger<DestinationEndpoints> logger)
{
    public void Map(IEndpointRouteBuilder console)
    {
        console.MapGet("/destinations", ShowAsync).ExcludeFromDescription();
        console.MapPost("/destinations/{id}/enable", (HttpContext context, string id) => SetEnabledAsync(context, id, true))
            .ExcludeFromDescription().DisableAntiforgery();
        console.MapPost("/destinations/{id}/disable", (HttpContext context, string id) => SetEnabledAsync(context, id, false))
            .ExcludeFromDescription().DisableAntiforgery();
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string? done)
    {
        var (user, refusal) = await Gate.ReadAsync(context).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await OverviewEndpoints.DestinationsAsync(context).ConfigureAwait(false) is not { } destinations)
        {
            return await PageRenderer.RenderAsync<MessagePage>(
                context, user, new MessageModel("Not available", "The deployment has no outbound delivery (no destination manager)."),
                StatusCodes.Status501NotImplemented).ConfigureAwait(false);
        }

        return await PageRenderer.RenderAsync<DestinationsPage>(context, user, destinations, notice: Notices.Text(done)).ConfigureAwait(false);
    }

    private async Task<IResult> SetEnabledAsync(HttpContext context, string id, bool enabled)
    {
        var (user, refusal) = await Gate.ChangeAsync(context, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (context.RequestServices.GetService<IDestinationManager>() is not { } manager
            || await manager.UpdateAsync(id, null, null, null, enabled, context.RequestAborted).ConfigureAwait(false) is null)
        {
            return await PageRenderer.RenderAsync<MessagePage>(
                context, user, new MessageModel("Destination not found", $"No destination has the id '{id}'."), StatusCodes.Status404NotFound).ConfigureAwait(false);
        }

        Log.DestinationChanged(logger, id, enabled ? "enabled" : "disabled", user!.Id);
        return Gate.Back(context, $"{ConsoleCookies.Base}/destinations", enabled ? Notices.Enabled : Notices.Disabled);
    }
}
