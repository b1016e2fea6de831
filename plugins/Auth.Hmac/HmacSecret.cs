namespace Webhooks.Modular.Auth.Hmac;

/// <summary>One signing key of a hook, as the HMAC uses it.</summary>
/// <param name="Index">Its position in <c>secrets</c>; the authenticated subject is <c>secret#Index</c>.</param>
/// <param name="Key">The HMAC key bytes (UTF-8 of the secret, or the decoded <c>whsec_</c> part for Standard Webhooks).</param>
/// <param name="ExpiresAt">When it stops verifying, or <c>null</c> for never.</param>
internal sealed record HmacSecret(int Index, byte[] Key, DateTimeOffset? ExpiresAt)
{
    /// <summary>The subject recorded for requests it verifies; names the secret without revealing it.</summary>
    public string Subject => $"secret#{Index}";

    /// <summary>Whether the secret still verifies at <paramref name="now"/>; it is expired from <see cref="ExpiresAt"/> on.</summary>
    /// <param name="now">The current time.</param>
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is not { } expiresAt || now < expiresAt;

    // The generated ToString would print the key's type only, but say so explicitly: a secret is never formatted.
    /// <inheritdoc />
    public override string ToString() => Subject;
}
