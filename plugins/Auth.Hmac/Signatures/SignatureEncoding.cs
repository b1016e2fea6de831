namespace Webhooks.Modular.Auth.Hmac.Signatures;

/// <summary>How a signature is written in its header.</summary>
internal enum SignatureEncoding
{
    /// <summary>Hexadecimal, either case.</summary>
    Hex,

    /// <summary>Standard base64 with padding.</summary>
    Base64,
}
