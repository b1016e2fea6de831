using System.Security.Cryptography;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Auth.Hmac.Signatures;

/// <summary>
/// One provider's signing rule: which headers carry the signature, how it is encoded and what exactly was signed.
/// A scheme only reads the request; <see cref="HmacAuthenticator"/> does the common work (timestamp tolerance,
/// computing and comparing the HMACs, secret expiry, the signed message id), so every preset is checked the same way.
/// </summary>
internal interface ISignatureScheme
{
    /// <summary>The preset name, as written in settings.</summary>
    string Name { get; }

    /// <summary>The HMAC's hash function.</summary>
    HashAlgorithmName Algorithm { get; }

    /// <summary>Whether the signed content includes a timestamp that must be within the tolerance.</summary>
    bool IsTimestamped { get; }

    /// <summary>
    /// Headers carrying the provider's own message id when the signature does not cover it (GitHub's
    /// <c>X-GitHub-Delivery</c>): the hook's default idempotency headers. A signed id is
    /// <see cref="PresentedSignature.MessageId"/> instead.
    /// </summary>
    IReadOnlyList<string> IdempotencyHeaders { get; }

    /// <summary>The HMAC key for a secret as configured, or <c>null</c> when the secret is not in the form the scheme needs.</summary>
    /// <param name="secret">The resolved secret.</param>
    byte[]? DecodeKey(string secret);

    /// <summary>Reads the signature(s) the request presents and what they were computed over.</summary>
    /// <param name="request">The request.</param>
    PresentedSignature Read(WebhookRequest request);
}
