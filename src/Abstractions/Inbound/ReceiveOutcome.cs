namespace Webhooks.Modular.Abstractions.Inbound;

/// <summary>The result of the inbound pipeline for one request.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="RequestId">The request's id.</param>
public sealed record ReceiveOutcome(ReceiveStatus Status, string RequestId)
{
    /// <summary>The stored event's id (accepted or duplicate).</summary>
    public Guid? EventId { get; init; }

    /// <summary>The ids of the runs started (accepted) or started before (duplicate).</summary>
    public IReadOnlyList<string> RunIds { get; init; } = [];

    /// <summary>
    /// True when this request repeats one already accepted (same idempotency key, same method and body): nothing new
    /// was stored or run, and <see cref="EventId"/> and <see cref="RunIds"/> are the first request's. The status is
    /// that of the first request (<see cref="ReceiveStatus.Accepted"/> or <see cref="ReceiveStatus.NotTriggered"/>);
    /// the generic surface answers it with <c>Idempotent-Replayed: true</c>.
    /// </summary>
    public bool Replayed { get; init; }

    /// <summary>
    /// For a replayed repeat, or a <see cref="ReceiveStatus.Duplicate"/> idempotency key: the request id of the
    /// request that first used the key, when known.
    /// </summary>
    public string? FirstRequestId { get; init; }

    /// <summary>A human-readable detail safe to return to the caller (never an auth failure reason).</summary>
    public string? Detail { get; init; }

    /// <summary>The methods the hook takes, for a 405's <c>Allow</c> header.</summary>
    public IReadOnlyList<string> AllowedMethods { get; init; } = [];

    /// <summary>The <c>WWW-Authenticate</c> challenge to send with a 401, if the scheme has one.</summary>
    public string? Challenge { get; init; }

    /// <summary>How long the caller should wait before trying again, for a 429's <c>Retry-After</c> header.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary><see cref="RetryAfter"/> as a <c>Retry-After</c> header takes it: whole seconds, rounded up, at least 1.</summary>
    public int? RetryAfterSeconds => RetryAfter is { } after ? (int)Math.Max(1, Math.Ceiling(after.TotalSeconds)) : null;

    /// <summary>
    /// For a success (<see cref="ReceiveStatus.Accepted"/> or <see cref="ReceiveStatus.NotTriggered"/>): the answer the
    /// hook or its auth scheme chose, which a surface sends instead of its own; <c>null</c> for the surface's answer.
    /// A handshake's reply comes with <see cref="ReceiveStatus.NotTriggered"/> and no <see cref="EventId"/>: nothing was stored.
    /// </summary>
    public ReceiveReply? Reply { get; init; }
}
