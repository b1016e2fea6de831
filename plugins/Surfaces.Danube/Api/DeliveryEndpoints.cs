using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Surfaces.Danube.Api.Views;
using Webhooks.Modular.Surfaces.Danube.Auth;
using Webhooks.Modular.Surfaces.Danube.Diagnostics;
using Webhooks.Modular.Surfaces.Danube.Requests;

namespace Webhooks.Modular.Surfaces.Danube.Api;

/// <summary>A subscription's deliveries: the recent ones with their status, and a replay of one.</summary>
internal sealed class DeliveryEndpoints(
    IDestinationManager destinations, IDeliveryStore deliveries, DanubeCaller callers, ILogger<DeliveryEndpoints> logger)
{
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v1/webhooks/{id}/deliveries", ListAsync).WithSummary("The subscription's latest deliveries").Produces<DeliveryView[]>();
        endpoints.MapPost("/v1/webhooks/{id}/deliveries/{deliveryId}/replay", ReplayAsync).WithSummary("Send a delivery again").Produces<ReplayView>(StatusCodes.Status202Accepted);
    }

    private async Task<IResult> ListAsync(string id, HttpContext context)
    {
        var (caller, refusal) = await callers.AuthenticateAsync(context, Access.Read);
        if (caller is null)
        {
            return refusal!;
        }

        var limitText = context.Request.Query.TryGetValue("limit", out var values) ? values.ToString() : null;
        if (!RequestValidator.TryParseLimit(limitText, out var limit, out var error))
        {
            return DanubeResults.Invalid(error);
        }

        if (await WebhookEndpoints.FindAsync(destinations, id, context.RequestAborted) is null)
        {
            return WebhookEndpoints.NoWebhook(id);
        }

        var recent = await destinations.ListDeliveriesAsync(id, limit, context.RequestAborted);
        return DanubeResults.Ok(recent.Select(DeliveryView.From).ToList());
    }

    private async Task<IResult> ReplayAsync(string id, string deliveryId, HttpContext context)
    {
        var (caller, refusal) = await callers.AuthenticateAsync(context, Access.Operate);
        if (caller is null)
        {
            return refusal!;
        }

        if (await WebhookEndpoints.FindAsync(destinations, id, context.RequestAborted) is null)
        {
            return WebhookEndpoints.NoWebhook(id);
        }

        var delivery = await deliveries.GetDeliveryAsync(deliveryId, context.RequestAborted);
        if (delivery is null || !string.Equals(delivery.DestinationId, id, StringComparison.Ordinal))
        {
            return NoDelivery(id, deliveryId);
        }

        // Pending, or it became pending (another replay) between the read and the write.
        if (delivery.Status == DeliveryStatus.Pending || !await destinations.ReplayAsync(deliveryId, context.RequestAborted))
        {
            return await deliveries.GetDeliveryAsync(deliveryId, context.RequestAborted) is null
                ? NoDelivery(id, deliveryId)
                : DanubeResults.Error(StatusCodes.Status409Conflict, $"delivery '{deliveryId}' is still pending; replay it once it has succeeded or failed");
        }

        Log.DeliveryReplayed(logger, deliveryId, id, caller.Name);
        return DanubeResults.Ok(new ReplayView(deliveryId, DeliveryView.StatusOf(DeliveryStatus.Pending)), StatusCodes.Status202Accepted);
    }

    private static IResult NoDelivery(string id, string deliveryId) =>
        DanubeResults.NotFound($"delivery '{deliveryId}' not found for webhook '{id}'");
}
