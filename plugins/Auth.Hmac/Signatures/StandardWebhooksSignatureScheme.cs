using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Auth.Hmac.Signatures;

/// <summary>
/// Standard Webhooks (standardwebhooks.com, spec "Verifying webhook authenticity"): headers <c>webhook-id</c>,
/// <c>webhook-timestamp</c> and <c>webhook-signature</c>, the last a space-separated list of
/// <c>v1,&lt;base64&gt;</c> entries, each an HMAC-SHA256 of <c>"{id}.{timestamp}.{body}"</c> keyed with the base64
/// part of a <c>whsec_</c> secret. Other versions (<c>v1a</c> is asymmetric) are ignored. Svix sends the same headers
/// named <c>svix-id</c>, <c>svix-timestamp</c> and <c>svix-signature</c> unless a plan white-labels them; like Svix's own
/// libraries, each is taken when its <c>webhook-*</c> twin is absent. The id is signed: it is the message id.
/// </summary>
internal sealed class StandardWebhooksSignatureScheme : ISignatureScheme
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    public const string SvixIdHeader = "svix-id";
    public const string SvixTimestampHeader = "svix-timestamp";
    public const string SvixSignatureHeader = "svix-signature";
    public const string SecretPrefix = "whsec_";

    private StandardWebhooksSignatureScheme()
    {
    }

    /// <summary>The one instance; the scheme has no settings.</summary>
    public static StandardWebhooksSignatureScheme Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "standard-webhooks";

    /// <inheritdoc />
    public HashAlgorithmName Algorithm => HashAlgorithmName.SHA256;

    /// <inheritdoc />
    public bool IsTimestamped => true;

    /// <inheritdoc />
    public IReadOnlyList<string> IdempotencyHeaders => [];

    /// <inheritdoc />
    /// <remarks>The reference libraries accept the base64 part without its prefix too; so does this.</remarks>
    public byte[]? DecodeKey(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret.AsSpan(SecretPrefix.Length) : secret.AsSpan();
        return SignatureText.TryDecodeBase64(encoded, out var key) ? key : null;
    }

    /// <inheritdoc />
    public PresentedSignature Read(WebhookRequest request)
    {
        var id = Either(request, IdHeader, SvixIdHeader);
        if (string.IsNullOrEmpty(id))
        {
            return PresentedSignature.Fail(SignatureFailures.Missing($"{IdHeader} (or {SvixIdHeader})"));
        }

        var timestampText = Either(request, TimestampHeader, SvixTimestampHeader);
        if (string.IsNullOrEmpty(timestampText))
        {
            return PresentedSignature.Fail(SignatureFailures.Missing($"{TimestampHeader} (or {SvixTimestampHeader})"));
        }

        var header = Either(request, SignatureHeader, SvixSignatureHeader);
        if (string.IsNullOrEmpty(header))
        {
            return PresentedSignature.Fail(SignatureFailures.Missing($"{SignatureHeader} (or {SvixSignatureHeader})"));
        }

        if (!SignatureText.TryParseTimestamp(timestampText, out var timestamp))
        {
            return PresentedSignature.Fail(SignatureFailures.Malformed);
        }

        var candidates = new List<byte[]>();
        var undecodable = false;
        foreach (var entry in header.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0 || !entry.AsSpan(0, comma).SequenceEqual("v1"))
            {
                continue;
            }

            if (SignatureText.TryDecodeBase64(entry.AsSpan(comma + 1), out var signature))
            {
                candidates.Add(signature);
            }
            else
            {
                undecodable = true;
            }
        }

        return new PresentedSignature
        {
            Candidates = candidates,
            HasUndecodable = undecodable,
            SignedPrefix = Encoding.UTF8.GetBytes($"{id}.{timestampText}."),
            Timestamp = timestamp,
            MessageId = id,
        };
    }

    /// <summary>The trimmed value of the standard header, or else of Svix's name for it.</summary>
    private static string? Either(WebhookRequest request, string standard, string svix) =>
        request.Header(standard)?.Trim() is { Length: > 0 } value ? value : request.Header(svix)?.Trim();
}
