using System.Security.Cryptography;
using System.Text;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Auth.Hmac.Signatures;

/// <summary>
/// The plain rule: one header carries the HMAC of the raw body, optionally after a fixed prefix. The <c>generic</c>
/// preset configures it; <c>dagnats</c>, <c>github</c> and <c>shopify</c> are this rule with their providers' fixed
/// parameters, so they are named instances here rather than classes that would repeat it.
/// </summary>
internal sealed class HeaderSignatureScheme : ISignatureScheme
{
    private readonly string _header;
    private readonly SignatureEncoding _encoding;
    private readonly string? _prefix;
    private readonly string[] _idHeaders;

    /// <summary>Creates the rule.</summary>
    /// <param name="name">The preset name.</param>
    /// <param name="header">The header that carries the signature.</param>
    /// <param name="algorithm">The HMAC's hash function.</param>
    /// <param name="encoding">How the signature is written.</param>
    /// <param name="prefix">Text before the signature (such as <c>sha256=</c>), or <c>null</c>.</param>
    /// <param name="idHeader">The header carrying the provider's (unsigned) message id, or <c>null</c>.</param>
    public HeaderSignatureScheme(string name, string header, HashAlgorithmName algorithm, SignatureEncoding encoding, string? prefix, string? idHeader = null)
    {
        _idHeaders = idHeader is null ? [] : [idHeader];
        Name = name;
        _header = header;
        Algorithm = algorithm;
        _encoding = encoding;
        _prefix = string.IsNullOrEmpty(prefix) ? null : prefix;
    }

    /// <summary>DAGnats: <c>X-Signature-256: sha256=&lt;hex&gt;</c> of HMAC-SHA256(secret, body).</summary>
    public static HeaderSignatureScheme Dagnats { get; } = new("dagnats", "X-Signature-256", HashAlgorithmName.SHA256, SignatureEncoding.Hex, "sha256=");

    /// <summary>
    /// GitHub: <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c> of HMAC-SHA256(secret, body)
    /// (docs.github.com, "Validating webhook deliveries").
    /// </summary>
    /// <remarks>The delivery's id, <c>X-GitHub-Delivery</c>, is not signed; GitHub's redeliveries keep it.</remarks>
    public static HeaderSignatureScheme GitHub { get; } = new("github", "X-Hub-Signature-256", HashAlgorithmName.SHA256, SignatureEncoding.Hex, "sha256=", "X-GitHub-Delivery");

    /// <summary>
    /// Shopify: <c>X-Shopify-Hmac-Sha256: &lt;base64&gt;</c> of HMAC-SHA256(app client secret, body)
    /// (shopify.dev, "Verify webhooks").
    /// </summary>
    /// <remarks>The webhook's id, <c>X-Shopify-Webhook-Id</c>, is not signed; Shopify's retries keep it.</remarks>
    public static HeaderSignatureScheme Shopify { get; } = new("shopify", "X-Shopify-Hmac-Sha256", HashAlgorithmName.SHA256, SignatureEncoding.Base64, null, "X-Shopify-Webhook-Id");

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public HashAlgorithmName Algorithm { get; }

    /// <inheritdoc />
    public bool IsTimestamped => false;

    /// <inheritdoc />
    public IReadOnlyList<string> IdempotencyHeaders => _idHeaders;

    /// <inheritdoc />
    public byte[]? DecodeKey(string secret) => Encoding.UTF8.GetBytes(secret);

    /// <inheritdoc />
    public PresentedSignature Read(WebhookRequest request)
    {
        var value = request.Header(_header).AsSpan().Trim();
        if (value.IsEmpty)
        {
            return PresentedSignature.Fail(SignatureFailures.Missing(_header));
        }

        if (_prefix is not null)
        {
            if (!value.StartsWith(_prefix, StringComparison.Ordinal))
            {
                return PresentedSignature.Fail(SignatureFailures.Malformed);
            }

            value = value[_prefix.Length..];
        }

        if (value.IsEmpty)
        {
            return PresentedSignature.Fail(SignatureFailures.Malformed);
        }

        return SignatureText.TryDecode(value, _encoding, out var signature)
            ? new PresentedSignature { Candidates = [signature] }
            : new PresentedSignature { HasUndecodable = true };
    }
}
