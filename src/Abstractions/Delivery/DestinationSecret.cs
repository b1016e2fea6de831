namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>A signing secret as stored: encrypted, with the end of its grace period once it has been rotated out.</summary>
/// <param name="Protected">The secret, encrypted (never the clear text).</param>
/// <param name="ExpiresAt">When it stops signing; <c>null</c> for the current secret.</param>
public sealed record DestinationSecret(string Protected, DateTimeOffset? ExpiresAt);
