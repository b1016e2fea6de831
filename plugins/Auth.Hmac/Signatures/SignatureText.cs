using System.Buffers;
using System.Globalization;

namespace Webhooks.Modular.Auth.Hmac.Signatures;

/// <summary>Decodes what senders write in signature headers, without throwing on anything a caller can send.</summary>
internal static class SignatureText
{
    /// <summary>Decodes a presented signature; <c>false</c> when it is empty or not valid in <paramref name="encoding"/>.</summary>
    /// <param name="text">The signature as written.</param>
    /// <param name="encoding">How it should be written.</param>
    /// <param name="bytes">The decoded bytes.</param>
    public static bool TryDecode(ReadOnlySpan<char> text, SignatureEncoding encoding, out byte[] bytes) =>
        encoding == SignatureEncoding.Hex ? TryDecodeHex(text, out bytes) : TryDecodeBase64(text, out bytes);

    /// <summary>Decodes standard base64; <c>false</c> when it is empty or invalid.</summary>
    /// <param name="text">The base64 text.</param>
    /// <param name="bytes">The decoded bytes.</param>
    public static bool TryDecodeBase64(ReadOnlySpan<char> text, out byte[] bytes)
    {
        var buffer = new byte[(text.Length / 4 * 3) + 3];
        if (text.IsEmpty || !Convert.TryFromBase64Chars(text, buffer, out var written) || written == 0)
        {
            bytes = [];
            return false;
        }

        bytes = buffer[..written];
        return true;
    }

    /// <summary>
    /// Parses a Unix timestamp in whole seconds: digits only (no sign, no spaces, no fraction), as every supported
    /// provider sends it.
    /// </summary>
    /// <param name="text">The timestamp as written.</param>
    /// <param name="seconds">The seconds since 1970-01-01T00:00:00Z.</param>
    public static bool TryParseTimestamp(ReadOnlySpan<char> text, out long seconds) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);

    private static bool TryDecodeHex(ReadOnlySpan<char> text, out byte[] bytes)
    {
        if (text.IsEmpty || text.Length % 2 != 0)
        {
            bytes = [];
            return false;
        }

        bytes = new byte[text.Length / 2];
        return Convert.FromHexString(text, bytes, out _, out _) == OperationStatus.Done;
    }
}
