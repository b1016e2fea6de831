using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Surfaces.Danube.Api.Views;

/// <summary>One delivery in a subscription's list.</summary>
/// <param name="Id">Its id, the same on every attempt (and after a replay).</param>
/// <param name="Event">The event type.</param>
/// <param name="Status"><c>pending</c>, <c>success</c> or <c>failed</c>.</param>
/// <param name="ResponseStatus">The last attempt's HTTP status, or <c>null</c>.</param>
/// <param name="Attempts">Attempts made so far, replays included.</param>
/// <param name="CreatedAt">When it was created (ISO-8601 UTC).</param>
/// <param name="NextAttemptAt">When it is next tried, while pending; else <c>null</c>.</param>
/// <param name="LastError">The last attempt's error, or <c>null</c>.</param>
internal sealed record DeliveryView(
    string Id, string Event, string Status, int? ResponseStatus, int Attempts, string CreatedAt, string? NextAttemptAt, string? LastError)
{
    public static DeliveryView From(DeliveryRecord delivery) => new(
        delivery.Id,
        delivery.EventType,
        StatusOf(delivery.Status),
        delivery.LastStatusCode,
        delivery.Attempts,
        DanubeTimestamp.Format(delivery.CreatedAt),
        delivery.Status == DeliveryStatus.Pending ? DanubeTimestamp.Format(delivery.NextAttemptAt) : null,
        delivery.LastError);

    public static string StatusOf(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Success => "success",
        _ => "failed",
    };
}
