using System.Text.Json;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Auth.Hmac.Handshakes;

/// <summary>
/// Slack's Events API check of a Request URL (docs.slack.dev, "url_verification event"): the body is
/// <c>{"token": ..., "challenge": "...", "type": "url_verification"}</c>, and once the request verifies the answer is
/// <c>200</c>, <c>text/plain</c>, the challenge value. Slack also takes a form or JSON answer; its first documented one
/// is plain text, and it needs no encoding.
/// </summary>
internal static class SlackUrlVerification
{
    private const string Type = "url_verification";

    /// <summary>The answer when the request is Slack's url_verification, else <c>null</c>.</summary>
    public static ReceiveReply? Answer(WebhookRequest request) =>
        request.Json is { ValueKind: JsonValueKind.Object } body
        && body.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals(Type)
        && body.TryGetProperty("challenge", out var challenge) && challenge.ValueKind == JsonValueKind.String
            ? new ReceiveReply(200, "text/plain; charset=utf-8", challenge.GetString())
            : null;
}
