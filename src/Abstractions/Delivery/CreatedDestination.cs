namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>A new destination, with its signing secret in clear: the only time it is ever shown.</summary>
/// <param name="Destination">The destination as stored.</param>
/// <param name="Secret">The signing secret, or <c>null</c> when it does not sign.</param>
public sealed record CreatedDestination(DestinationRecord Destination, string? Secret);
