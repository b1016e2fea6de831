using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Api.Management.Views;

/// <summary>One delivery in a list.</summary>
/// <param name="Id">Its id, the same on every attempt and after a replay.</param>
/// <param name="DestinationId">Its destination.</param>
/// <param name="EventId">The event it carries.</param>
/// <param name="EventType">The event's type.</param>
/// <param name="Status"><c>pending</c>, <c>success</c> or <c>failed</c>.</param>
/// <param name="Attempts">Attempts made so far, replays included.</param>
/// <param name="Retries">Retries since it was created or last replayed.</param>
/// <param name="NextAttemptAt">When it is due, while pending.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="CompletedAt">When it succeeded or failed for good.</param>
/// <param name="LastStatusCode">The last attempt's HTTP status.</param>
/// <param name="LastError">The last attempt's error.</param>
internal sealed record DeliveryView(
    string Id,
    string DestinationId,
    string EventId,
    string EventType,
    string Status,
    int Attempts,
    int Retries,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    int? LastStatusCode,
    string? LastError)
{
    public static DeliveryView From(DeliveryRecord delivery) => new(
        delivery.Id,
        delivery.DestinationId,
        delivery.EventId.ToString(),
        delivery.EventType,
        Statuses.Of(delivery.Status),
        delivery.Attempts,
        delivery.Retries,
        delivery.Status == DeliveryStatus.Pending ? delivery.NextAttemptAt : null,
        delivery.CreatedAt,
        delivery.CompletedAt,
        delivery.LastStatusCode,
        delivery.LastError);
}
