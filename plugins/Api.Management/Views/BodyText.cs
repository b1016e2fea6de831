using System.Text;

namespace Webhooks.Modular.Api.Management.Views;

/// <summary>A stored body as text when it is UTF-8, and always as base64 (so that binary bodies are shown exactly).</summary>
internal static class BodyText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Utf8(byte[] body)
    {
        try
        {
            return Strict.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
