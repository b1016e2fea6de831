namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>
/// Manages destinations for surfaces and embedding apps: secrets are generated here, encrypted before they are
/// stored, and shown once; changes reach the event matching at once. Invalid input throws
/// <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> names the field.
/// </summary>
public interface IDestinationManager
{
    /// <summary>Creates a destination and, when it signs, its first secret.</summary>
    /// <param name="spec">What to create.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<CreatedDestination> CreateAsync(DestinationSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the destination or brings an existing one with the same id in line with <paramref name="spec"/>,
    /// keeping its secrets and, when disabled after failures, its disabled state (for destinations declared in configuration).
    /// </summary>
    /// <param name="spec">What it should be; <see cref="DestinationSpec.Id"/> is required.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<DestinationRecord> DeclareAsync(DestinationSpec spec, CancellationToken cancellationToken);

    /// <summary>Changes url, event types, description or the active flag; <c>null</c> leaves a field. Re-enabling resumes its pending deliveries.</summary>
    /// <param name="id">The destination.</param>
    /// <param name="url">A new url.</param>
    /// <param name="eventTypes">New event types.</param>
    /// <param name="description">A new description.</param>
    /// <param name="isActive">Enable or disable.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<DestinationRecord?> UpdateAsync(
        string id, string? url, IReadOnlyList<string>? eventTypes, string? description, bool? isActive, CancellationToken cancellationToken);

    /// <summary>Deletes a destination and its deliveries; false when there was none.</summary>
    /// <param name="id">The destination.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> DeleteAsync(string id, CancellationToken cancellationToken);

    /// <summary>A destination, or <c>null</c>.</summary>
    /// <param name="id">The destination.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<DestinationRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Destinations, oldest first, optionally of one owner.</summary>
    /// <param name="owner">The owner, or <c>null</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DestinationRecord>> ListAsync(string? owner, CancellationToken cancellationToken);

    /// <summary>
    /// Issues a new secret; the previous one keeps signing (both signatures are sent) for <paramref name="grace"/>.
    /// Returns the new secret in clear, or <c>null</c> when there is no such destination.
    /// </summary>
    /// <param name="id">The destination.</param>
    /// <param name="grace">How long the previous secret still signs.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<string?> RotateSecretAsync(string id, TimeSpan grace, CancellationToken cancellationToken);

    /// <summary>A destination's most recent deliveries, newest first.</summary>
    /// <param name="id">The destination.</param>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(string id, int limit, CancellationToken cancellationToken);

    /// <summary>Sends a delivery again (a dead letter, or one that succeeded); false when there is none or it is still pending.</summary>
    /// <param name="deliveryId">The delivery.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> ReplayAsync(string deliveryId, CancellationToken cancellationToken);
}
