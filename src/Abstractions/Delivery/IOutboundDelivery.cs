namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>Sends one attempt of one delivery to its destination.</summary>
public interface IOutboundDelivery
{
    /// <summary>Makes one attempt. Failures are results, not exceptions.</summary>
    /// <param name="message">What to send.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    Task<DeliveryAttemptResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken);
}
