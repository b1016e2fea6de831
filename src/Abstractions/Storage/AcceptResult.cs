namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>The outcome of <see cref="IEventStore.AcceptAsync"/>.</summary>
/// <param name="Accepted">True when committed; false when it duplicates an earlier request.</param>
/// <param name="EventId">The new event, or the earlier one for a duplicate idempotency key.</param>
/// <param name="RunIds">The new runs, or the earlier ones.</param>
/// <param name="Conflict">For a duplicate: what collided (<c>idempotency-key</c> or <c>run-id</c>).</param>
public sealed record AcceptResult(bool Accepted, Guid? EventId, IReadOnlyList<string> RunIds, string? Conflict)
{
    /// <summary>For a duplicate idempotency key: the request id of the request that first used it, when known.</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// For a duplicate idempotency key: the <see cref="IdempotencyKey.Fingerprint"/> stored with it, or <c>null</c>
    /// for a key stored without one (such as by an older version).
    /// </summary>
    public byte[]? Fingerprint { get; init; }
}
