namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>
/// An outbound channel (HTTP first, a broker later): sends one attempt of one delivery and signs it. A plugin
/// registers one per channel type, configured from its own settings; destinations name it by <see cref="Type"/>.
/// </summary>
public interface IOutboundDelivery
{
    /// <summary>The channel type destinations use, such as <c>http</c>.</summary>
    string Type { get; }

    /// <summary>Makes one attempt. Failures (refused address, timeout, non-2xx, redirect) are results, not exceptions.</summary>
    /// <param name="message">What to send.</param>
    /// <param name="cancellationToken">Cancels the attempt (shutdown).</param>
    Task<DeliveryAttemptResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken);
}
