using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Api.Management.Views;

/// <summary>One delivery with the body it sends and every attempt.</summary>
/// <param name="Delivery">Where it stands.</param>
/// <param name="ContentType">The body's media type.</param>
/// <param name="Body">The body as UTF-8 text, or <c>null</c> when it is not UTF-8.</param>
/// <param name="AttemptList">Its attempts, first first.</param>
internal sealed record DeliveryDetailView(DeliveryView Delivery, string ContentType, string? Body, IReadOnlyList<AttemptView> AttemptList)
{
    public static DeliveryDetailView From(DeliveryRecord delivery, IReadOnlyList<DeliveryAttemptRecord> attempts) =>
        new(DeliveryView.From(delivery), delivery.ContentType, BodyText.Utf8(delivery.Body), attempts.Select(AttemptView.From).ToList());
}
