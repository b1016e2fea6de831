namespace Webhooks.Modular.Abstractions.Auth;

/// <summary>The outcome of authenticating one request.</summary>
/// <param name="Succeeded">Whether the request is genuine.</param>
/// <param name="Subject">Who it is (a key's name, a user), when known; recorded, never a secret.</param>
/// <param name="FailureReason">Why it failed, for the operator (wrong signature, stale timestamp, unknown key, missing header).</param>
public sealed record AuthResult(bool Succeeded, string? Subject, string? FailureReason)
{
    /// <summary>
    /// The id of the message the verified credential covers (a signed message id, such as Standard Webhooks'
    /// <c>webhook-id</c> or a provider's event id inside a signed body), or <c>null</c>. When set, it is the request's
    /// idempotency key: headers the credential does not cover (such as <c>Idempotency-Key</c>) cannot replace it, so
    /// a captured request cannot be replayed under another key. Set it only when the credential really covers it.
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>
    /// The last moment a replay of this message could still pass verification (its signed timestamp plus the
    /// tolerance), or <c>null</c>. The host keeps the <see cref="MessageId"/> record at least until then, whatever
    /// the hook's idempotency retention.
    /// </summary>
    public DateTimeOffset? ReplayableUntil { get; init; }

    /// <summary>A success.</summary>
    /// <param name="subject">Who it is, if known.</param>
    public static AuthResult Success(string? subject = null) => new(true, subject, null);

    /// <summary>A failure with the operator-facing reason.</summary>
    /// <param name="reason">Why it failed.</param>
    public static AuthResult Fail(string reason) => new(false, null, reason);
}
