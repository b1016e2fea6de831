using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Console.Web.Pages;

/// <summary>One delivery with its attempts.</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Attempts">Its attempts, first first.</param>
/// <param name="Body">The body it sends as UTF-8 text, or <c>null</c> when it is not UTF-8.</param>
public sealed record DeliveryModel(DeliveryRecord Delivery, IReadOnlyList<DeliveryAttemptRecord> Attempts, string? Body);
