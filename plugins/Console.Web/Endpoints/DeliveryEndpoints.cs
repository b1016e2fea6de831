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

/// <summary><c>/console/deliveries/{id}</c>: a delivery with its attempts, and its replay (operators and up) through the engine.</summary>
internal sealed class DeliveryEndpoints(ILogger<DeliveryEndpoints> logger)
{
    public void Map(IEndpointRouteBuilder console)
    {
        console.MapGet("/deliveries/{id}", ShowAsync).ExcludeFromDescription();
        console.MapPost("/deliveries/{id}/replay", ReplayAsync).ExcludeFromDescription().DisableAntiforgery();
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string id, string? done)
    {
        var (user, refusal) = await Gate.ReadAsync(context).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (context.RequestServices.GetService<IDeliveryStore>() is not { } store)
        {
            return await NotSupportedAsync(context, user!).ConfigureAwait(false);
        }

        if (await store.GetDeliveryAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } delivery)
        {
            return await NotFoundAsync(context, user!, id).ConfigureAwait(false);
        }

        var attempts = await store.ListAttemptsAsync(id, context.RequestAborted).ConfigureAwait(false);
        return await PageRenderer.RenderAsync<DeliveryPage>(
            context, user, new DeliveryModel(delivery, attempts, EventEndpoints.Utf8(delivery.Body)), notice: Notices.Text(done)).ConfigureAwait(false);
    }

    private async Task<IResult> ReplayAsync(HttpContext context, string id)
    {
        var (user, refusal) = await Gate.ChangeAsync(context, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var store = context.RequestServices.GetService<IDeliveryStore>();
        var manager = context.RequestServices.GetService<IDestinationManager>();
        if (store is null || manager is null)
        {
            return await NotSupportedAsync(context, user!).ConfigureAwait(false);
        }

        if (await store.GetDeliveryAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } delivery)
        {
            return await NotFoundAsync(context, user!, id).ConfigureAwait(false);
        }

        var page = $"{ConsoleCookies.Base}/deliveries/{Uri.EscapeDataString(id)}";
        // Pending, or pending again by the time of the write (another replay): the engine's replay refuses both.
        if (delivery.Status == DeliveryStatus.Pending || !await manager.ReplayAsync(id, context.RequestAborted).ConfigureAwait(false))
        {
            return await PageRenderer.RenderAsync<MessagePage>(
                context,
                user,
                new MessageModel("Not replayed", $"Delivery '{id}' is still pending; replay it once it has succeeded or failed."),
                StatusCodes.Status409Conflict).ConfigureAwait(false);
        }

        Log.DeliveryReplayed(logger, id, user!.Id);
        return Gate.Back(context, page, Notices.Replayed);
    }

    private static Task<IResult> NotFoundAsync(HttpContext context, Abstractions.Auth.ApiUser user, string id) =>
        PageRenderer.RenderAsync<MessagePage>(context, user, new MessageModel("Delivery not found", $"No delivery has the id '{id}'."), StatusCodes.Status404NotFound);

    private static Task<IResult> NotSupportedAsync(HttpContext context, Abstractions.Auth.ApiUser user) =>
        PageRenderer.RenderAsync<MessagePage>(
            context, user, new MessageModel("Not available", "The deployment has no outbound delivery (no storage of deliveries or no destination manager)."),
            StatusCodes.Status501NotImplemented);
}
