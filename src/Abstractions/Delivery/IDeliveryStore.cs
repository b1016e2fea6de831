namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>
/// Destinations and their deliveries. Deliveries are created with their event (see
/// <see cref="Storage.AcceptedWebhook.Deliveries"/>), claimed by workers under a lease, and fenced by
/// <see cref="DeliveryRecord.LeaseToken"/> so that a worker that lost its lease cannot record over a newer claim.
/// </summary>
public interface IDeliveryStore
{
    /// <summary>Creates a destination; false when its id exists.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> CreateDestinationAsync(DestinationRecord destination, CancellationToken cancellationToken);

    /// <summary>Replaces a destination; false when there is none with its id.</summary>
    /// <param name="destination">The new state.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> UpdateDestinationAsync(DestinationRecord destination, CancellationToken cancellationToken);

    /// <summary>Deletes a destination and its deliveries; false when there was none.</summary>
    /// <param name="id">The destination.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> DeleteDestinationAsync(string id, CancellationToken cancellationToken);

    /// <summary>A destination by id, or <c>null</c>.</summary>
    /// <param name="id">The destination.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<DestinationRecord?> GetDestinationAsync(string id, CancellationToken cancellationToken);

    /// <summary>Destinations, oldest first; only one owner's when <paramref name="owner"/> is given.</summary>
    /// <param name="owner">An owner, or <c>null</c> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DestinationRecord>> ListDestinationsAsync(string? owner, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> pending deliveries that are due at <paramref name="now"/> and not leased
    /// (or whose lease expired), of active destinations only, at most <paramref name="perDestination"/> of any one
    /// destination, none of <paramref name="excludedDestinations"/>; oldest due first. Each claim raises the lease token.
    /// A claim that takes over an expired lease also counts one attempt (<see cref="DeliveryRecord.Attempts"/>): the
    /// worker that held it stopped without recording an attempt it may have sent, and attempt numbers must not repeat.
    /// </summary>
    /// <param name="owner">The claiming worker.</param>
    /// <param name="max">How many at most.</param>
    /// <param name="perDestination">How many of one destination at most.</param>
    /// <param name="excludedDestinations">Destinations to skip (at their concurrency limit, or their circuit open).</param>
    /// <param name="now">The present.</param>
    /// <param name="leaseDuration">How long the lease lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    Task<IReadOnlyList<DeliveryRecord>> ClaimDueAsync(
        string owner, int max, int perDestination, IReadOnlyCollection<string> excludedDestinations, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Extends a lease; false when the worker no longer holds it.</summary>
    /// <param name="deliveryId">The delivery.</param>
    /// <param name="owner">The worker.</param>
    /// <param name="leaseToken">The token it claimed with.</param>
    /// <param name="leaseExpiresAt">The new end of the lease.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<bool> RenewLeaseAsync(string deliveryId, string owner, long leaseToken, DateTimeOffset leaseExpiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt and its outcome (the delivery's status and next time, the destination's failing-since
    /// and disabling) in one transaction; false, and nothing written, when the lease token is no longer current.
    /// </summary>
    /// <param name="deliveryId">The delivery.</param>
    /// <param name="owner">The worker.</param>
    /// <param name="leaseToken">The token it claimed with.</param>
    /// <param name="attempt">The attempt.</param>
    /// <param name="outcome">What it leaves the delivery and destination as.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> RecordAttemptAsync(
        string deliveryId, string owner, long leaseToken, DeliveryAttemptRecord attempt, DeliveryOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Gives a claimed delivery back unattempted (its circuit is open), due again at <paramref name="nextAttemptAt"/>.</summary>
    /// <param name="deliveryId">The delivery.</param>
    /// <param name="owner">The worker.</param>
    /// <param name="leaseToken">The token it claimed with.</param>
    /// <param name="nextAttemptAt">When it is due again.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> ReleaseAsync(string deliveryId, string owner, long leaseToken, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>A delivery by id, or <c>null</c>.</summary>
    /// <param name="id">The delivery.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<DeliveryRecord?> GetDeliveryAsync(string id, CancellationToken cancellationToken);

    /// <summary>A destination's most recent deliveries, newest first.</summary>
    /// <param name="destinationId">The destination.</param>
    /// <param name="limit">How many at most.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(string destinationId, int limit, CancellationToken cancellationToken);

    /// <summary>A delivery's attempts, first first.</summary>
    /// <param name="deliveryId">The delivery.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<DeliveryAttemptRecord>> ListAttemptsAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a delivery pending again, due at <paramref name="now"/>, with a fresh retry budget (its id and attempt
    /// count carry on); false when there is no such delivery or it is pending already.
    /// </summary>
    /// <param name="deliveryId">The delivery.</param>
    /// <param name="now">The present.</param>
    /// <param name="cancellationToken">Cancels waiting for the write.</param>
    Task<bool> ReplayAsync(string deliveryId, DateTimeOffset now, CancellationToken cancellationToken);
}
