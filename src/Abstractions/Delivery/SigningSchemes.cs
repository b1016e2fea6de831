namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>The signature schemes a channel understands.</summary>
public static class SigningSchemes
{
    /// <summary>
    /// Standard Webhooks: <c>webhook-id</c>, <c>webhook-timestamp</c> and
    /// <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c>, keyed with the base64
    /// part of a <c>whsec_</c> secret; one signature per secret, space-separated.
    /// </summary>
    public const string StandardWebhooks = "standard-webhooks";

    /// <summary>Danube: <c>X-Danube-Signature: t=&lt;unix&gt;,sha256=&lt;hex HMAC-SHA256 of "{t}.{body}"&gt;</c>, keyed with the whole secret text.</summary>
    public const string Danube = "danube";

    /// <summary>No signature (the destination authenticates the sender with a stored credential instead).</summary>
    public const string None = "none";
}
