namespace Webhooks.Modular.Abstractions.Inbound;

/// <summary>
/// The answer to send for a successful request instead of the surface's usual one: a hook's configured success
/// answer (so a sender such as Slack shows the user a chosen text, not the host's ids), or an auth scheme's answer to
/// its sender's handshake (such as Slack's <c>url_verification</c>).
/// </summary>
/// <param name="StatusCode">The HTTP status: 200, 202 or 204.</param>
/// <param name="ContentType">The body's content type, or <c>null</c> when there is no body.</param>
/// <param name="Body">The body text, already rendered, or <c>null</c> for none.</param>
public sealed record ReceiveReply(int StatusCode, string? ContentType, string? Body);
