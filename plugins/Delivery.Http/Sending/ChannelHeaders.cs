namespace Webhooks.Modular.Delivery.Http.Sending;

/// <summary>The headers the channel sets itself, and those a destination's own headers may not set.</summary>
internal static class ChannelHeaders
{
    public const string DeliveryId = "X-Webhook-Delivery-Id";
    public const string Attempt = "X-Webhook-Attempt";
    public const string WebhookId = "webhook-id";
    public const string WebhookTimestamp = "webhook-timestamp";
    public const string WebhookSignature = "webhook-signature";
    public const string UserAgent = "User-Agent";

    /// <summary>
    /// Signature and de-duplication headers (whatever the scheme, so a destination cannot forge one), the framing
    /// and hop-by-hop headers the handler owns, and <c>Content-Type</c>, which comes from the message.
    /// </summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        DeliveryId, Attempt, WebhookId, WebhookTimestamp, WebhookSignature, Signing.DanubeSignature.HeaderName,
        "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection",
        "TE", "Trailer", "Upgrade", "Expect",
    };

    /// <summary>Whether a header name is an RFC 9110 token.</summary>
    /// <param name="name">The name.</param>
    public static bool IsValidName(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));

    /// <summary>Whether a header value can be sent as is: no CR, LF, NUL or other control character but tab.</summary>
    /// <param name="value">The value.</param>
    public static bool IsValidValue(string value) => !value.Any(c => char.IsControl(c) && c != '\t');
}
