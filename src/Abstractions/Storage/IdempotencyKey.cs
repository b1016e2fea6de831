namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>A key that makes a second delivery of the same request a duplicate.</summary>
/// <param name="Scope">The namespace of the key, usually the hook's name.</param>
/// <param name="Key">The key the sender gave.</param>
/// <param name="ExpiresAt">When the key may be forgotten.</param>
public sealed record IdempotencyKey(string Scope, string Key, DateTimeOffset ExpiresAt)
{
    /// <summary>
    /// A hash of the request the key was first given with (the host's SHA-256 of its method and raw body), stored
    /// with the key so that a repeat can be told apart from another request reusing the key; <c>null</c> when unknown.
    /// </summary>
    public byte[]? Fingerprint { get; init; }
}
