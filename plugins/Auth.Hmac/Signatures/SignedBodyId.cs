using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Auth.Hmac.Signatures;

/// <summary>
/// A provider's event id read from the body (Stripe's <c>id</c>, Slack's <c>event_id</c>). The whole raw body is
/// signed, so once the signature matches, the id is covered by it as surely as a signed header would be.
/// </summary>
internal static class SignedBodyId
{
    /// <summary>The top-level string property <paramref name="name"/> of a JSON object body, or <c>null</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="name">The property's name.</param>
    public static string? Read(WebhookRequest request, string name) =>
        request.Json is { ValueKind: System.Text.Json.JsonValueKind.Object } json
        && json.TryGetProperty(name, out var id)
        && id.ValueKind == System.Text.Json.JsonValueKind.String
        && id.GetString() is { Length: > 0 } text
            ? text
            : null;
}
