using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Auth.Hmac.Signatures;

/// <summary>
/// Slack (docs.slack.dev, "Verifying requests from Slack"): <c>X-Slack-Signature: v0=&lt;hex&gt;</c>, an HMAC-SHA256
/// of <c>"v0:{X-Slack-Request-Timestamp}:{body}"</c> keyed with the app's signing secret.
/// </summary>
internal sealed class SlackSignatureScheme : ISignatureScheme
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    private const string Version = "v0";

    /// <summary>
    /// The Events API event's id, in the signed body; Slack's retries (<c>X-Slack-Retry-Num</c>) carry the same one.
    /// Slash commands and interactivity payloads have none.
    /// </summary>
    public const string EventIdProperty = "event_id";

    private SlackSignatureScheme()
    {
    }

    /// <summary>The one instance; the scheme has no settings.</summary>
    public static SlackSignatureScheme Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "slack";

    /// <inheritdoc />
    public HashAlgorithmName Algorithm => HashAlgorithmName.SHA256;

    /// <inheritdoc />
    public bool IsTimestamped => true;

    /// <inheritdoc />
    public IReadOnlyList<string> IdempotencyHeaders => [];

    /// <inheritdoc />
    public byte[]? DecodeKey(string secret) => Encoding.UTF8.GetBytes(secret);

    /// <inheritdoc />
    public PresentedSignature Read(WebhookRequest request)
    {
        var signature = request.Header(SignatureHeader)?.Trim();
        if (string.IsNullOrEmpty(signature))
        {
            return PresentedSignature.Fail(SignatureFailures.Missing(SignatureHeader));
        }

        var timestampText = request.Header(TimestampHeader)?.Trim();
        if (string.IsNullOrEmpty(timestampText))
        {
            return PresentedSignature.Fail(SignatureFailures.Missing(TimestampHeader));
        }

        if (!SignatureText.TryParseTimestamp(timestampText, out var timestamp)
            || !signature.StartsWith(Version + "=", StringComparison.Ordinal)
            || signature.Length == Version.Length + 1)
        {
            return PresentedSignature.Fail(SignatureFailures.Malformed);
        }

        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestampText}:");
        return SignatureText.TryDecode(signature.AsSpan(Version.Length + 1), SignatureEncoding.Hex, out var decoded)
            ? new PresentedSignature { Candidates = [decoded], SignedPrefix = prefix, Timestamp = timestamp, MessageId = SignedBodyId.Read(request, EventIdProperty) }
            : new PresentedSignature { HasUndecodable = true, SignedPrefix = prefix, Timestamp = timestamp };
    }
}
