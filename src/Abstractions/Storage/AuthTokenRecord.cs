namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>
/// A host-issued bearer token as stored: never the token itself, only its keyed hash and a short visible prefix
/// for display.
/// </summary>
/// <param name="Id">The token's id.</param>
/// <param name="Scope">What the token opens, such as <c>hook:deploy</c> or <c>dag:my-dag</c>.</param>
/// <param name="Hash">The keyed hash of the token (HMAC-SHA256 with the host's key).</param>
/// <param name="Prefix">The first characters of the token, for people to recognise it.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it stops working, if ever.</param>
/// <param name="LastUsedAt">When it last authenticated a request (recorded at most once a minute).</param>
/// <param name="CreatedBy">Who issued it.</param>
public sealed record AuthTokenRecord(
    string Id,
    string Scope,
    byte[] Hash,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    string? CreatedBy);
