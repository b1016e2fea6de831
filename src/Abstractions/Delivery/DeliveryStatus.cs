namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt (or being attempted).</summary>
    Pending,

    /// <summary>Answered 2xx.</summary>
    Success,

    /// <summary>Out of retries, or its destination answered 410: the dead letter, replayable by hand.</summary>
    Failed,
}
