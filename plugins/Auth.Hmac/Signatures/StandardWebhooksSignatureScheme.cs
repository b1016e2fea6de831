using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Auth.Hmac.Signatures;

/// <summary>
/// Standard Webhooks (standardwebhooks.com, spec "Verifying webhook authenticity"): headers <c>webhook-id</c>,
/// <c>webhook-timestamp</c> and <c>webhook-signature</c>, the last a space-separated list of
/// <c>v1,&lt;base64&gt;</c> entries, each an HMAC-SHA256 of <c>"{id}.{timestamp}.{body}"</c> keyed with the base64
/// part of a <c>whsec_</c> secret. Other versions (<c>v1a</c> is asymmetric) are ignored.
/// </summary>
internal sealed class StandardWebhooksSignatureScheme : ISignatureScheme
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
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
    public bool DetectsReplays => true;

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
        var id = request.Header(IdHeader)?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return PresentedSignature.Fail(SignatureFailures.Missing(IdHeader));
        }

        var timestampText = request.Header(TimestampHeader)?.Trim();
        if (string.IsNullOrEmpty(timestampText))
        {
            return PresentedSignature.Fail(SignatureFailures.Missing(TimestampHeader));
        }

        var header = request.Header(SignatureHeader)?.Trim();
        if (string.IsNullOrEmpty(header))
        {
            return PresentedSignature.Fail(SignatureFailures.Missing(SignatureHeader));
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
            ReplayId = id,
        };
    }
}
