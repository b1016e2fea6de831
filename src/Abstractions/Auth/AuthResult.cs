namespace Webhooks.Modular.Abstractions.Auth;

/// <summary>The outcome of authenticating one request.</summary>
/// <param name="Succeeded">Whether the request is genuine.</param>
/// <param name="Subject">Who it is (a key's name, a user), when known; recorded, never a secret.</param>
/// <param name="FailureReason">Why it failed, for the operator (wrong signature, stale timestamp, unknown key, missing header).</param>
public sealed record AuthResult(bool Succeeded, string? Subject, string? FailureReason)
{
    /// <summary>A success.</summary>
    /// <param name="subject">Who it is, if known.</param>
    public static AuthResult Success(string? subject = null) => new(true, subject, null);

    /// <summary>A failure with the operator-facing reason.</summary>
    /// <param name="reason">Why it failed.</param>
    public static AuthResult Fail(string reason) => new(false, null, reason);
}
