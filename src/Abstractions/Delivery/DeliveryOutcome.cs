namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>What an attempt leaves the delivery and its destination as.</summary>
/// <param name="Status">The delivery's new status.</param>
/// <param name="NextAttemptAt">When to try again, while it stays pending.</param>
/// <param name="CountsAsRetry">Whether the next attempt is a retry under the policy (false after a replay).</param>
/// <param name="DestinationFailingSince">The destination's first failure since its last success (<c>null</c> after a success).</param>
/// <param name="DisableDestination">Disable the destination, with this reason (410, or failing too long); <c>null</c> leaves it.</param>
public sealed record DeliveryOutcome(
    DeliveryStatus Status, DateTimeOffset? NextAttemptAt, bool CountsAsRetry, DateTimeOffset? DestinationFailingSince, string? DisableDestination);
