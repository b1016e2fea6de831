using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Auth.Hmac.Signatures;

/// <summary>
/// Stripe (docs.stripe.com, "Verify webhook signatures"): <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=...]</c>,
/// each <c>v1</c> an HMAC-SHA256 in hex of <c>"{t}.{body}"</c> keyed with the endpoint secret as written
/// (<c>whsec_...</c> is not decoded). Other schemes (<c>v0</c>) are ignored; several <c>v1</c> appear while Stripe
/// rolls a secret, and any one matching verifies.
/// </summary>
internal sealed class StripeSignatureScheme : ISignatureScheme
{
    public const string Header = "Stripe-Signature";

    /// <summary>The event's id (<c>evt_...</c>), in the signed body; Stripe retries an event with the same id.</summary>
    public const string EventIdProperty = "id";

    private StripeSignatureScheme()
    {
    }

    /// <summary>The one instance; the scheme has no settings.</summary>
    public static StripeSignatureScheme Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "stripe";

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
        var value = request.Header(Header)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return PresentedSignature.Fail(SignatureFailures.Missing(Header));
        }

        string? timestampText = null;
        long timestamp = 0;
        var candidates = new List<byte[]>();
        var undecodable = false;
        foreach (var item in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue; // not a key=value item: ignored, like the other schemes Stripe may add
            }

            var key = item.AsSpan(0, equals);
            var text = item.AsSpan(equals + 1);
            if (key.SequenceEqual("t"))
            {
                if (timestampText is not null || !SignatureText.TryParseTimestamp(text, out timestamp))
                {
                    return PresentedSignature.Fail(SignatureFailures.Malformed);
                }

                timestampText = text.ToString();
            }
            else if (key.SequenceEqual("v1"))
            {
                if (SignatureText.TryDecode(text, SignatureEncoding.Hex, out var signature))
                {
                    candidates.Add(signature);
                }
                else
                {
                    undecodable = true;
                }
            }
        }

        if (timestampText is null)
        {
            return PresentedSignature.Fail(SignatureFailures.Malformed);
        }

        return new PresentedSignature
        {
            Candidates = candidates,
            HasUndecodable = undecodable,
            // The timestamp exactly as sent: the sender signed its text, not our parse of it.
            SignedPrefix = Encoding.UTF8.GetBytes($"{timestampText}."),
            Timestamp = timestamp,
            MessageId = SignedBodyId.Read(request, EventIdProperty),
        };
    }
}
