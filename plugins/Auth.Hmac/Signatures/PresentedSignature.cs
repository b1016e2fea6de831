namespace Webhooks.Modular.Auth.Hmac.Signatures;

/// <summary>
/// What a request presents: the signatures (decoded to bytes), what was signed before the body, and the timestamp
/// and message id when the scheme has them; or why nothing could be read.
/// </summary>
internal sealed record PresentedSignature
{
    /// <summary>Why the headers could not be read, or <c>null</c>.</summary>
    public string? Failure { get; init; }

    /// <summary>The decoded signatures; any one matching any active secret verifies the request.</summary>
    public IReadOnlyList<byte[]> Candidates { get; init; } = [];

    /// <summary>Whether some signature of a supported version could not be decoded (bad hex or base64).</summary>
    public bool HasUndecodable { get; init; }

    /// <summary>The bytes signed before the body, such as <c>"{t}."</c> for Stripe; empty when only the body is signed.</summary>
    public byte[] SignedPrefix { get; init; } = [];

    /// <summary>The signed Unix timestamp, in seconds, for timestamped schemes.</summary>
    public long? Timestamp { get; init; }

    /// <summary>
    /// The message id the signature covers (a signed header, or an id inside the signed body), for schemes that have
    /// one. Once the signature matches it is the request's idempotency key, which is also its replay record.
    /// </summary>
    public string? MessageId { get; init; }

    /// <summary>A request whose signature headers could not be read.</summary>
    /// <param name="reason">Why, for the operator.</param>
    public static PresentedSignature Fail(string reason) => new() { Failure = reason };
}
