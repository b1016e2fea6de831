namespace Webhooks.Modular.Abstractions.Inbound;

/// <summary>
/// One request a hook refused, as <see cref="IRejectionLog"/> keeps it: enough to diagnose a sender's signing or
/// limits, never a secret, a signature value or the body.
/// </summary>
/// <param name="At">When it was refused.</param>
/// <param name="RequestId">The request id the host gave it (in its log line 1202 too).</param>
/// <param name="RemoteAddress">The sender's address, if known.</param>
/// <param name="StatusCode">The HTTP status it was answered (401, 403, 405, 408, 409, 413, 415, 429, 400).</param>
/// <param name="Outcome">The outcome's name (<c>unauthorized</c>, <c>payload_too_large</c>, ...).</param>
/// <param name="Reason">
/// Why: the authenticator's own reason for a 401 (such as <c>stale timestamp</c>), otherwise what the caller was told.
/// </param>
/// <param name="HeaderNames">The names of the headers it carried, sorted; never their values.</param>
public sealed record RejectedRequest(
    DateTimeOffset At, string RequestId, string? RemoteAddress, int StatusCode, string Outcome, string Reason, IReadOnlyList<string> HeaderNames);
