using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Api.Management.Paging;

/// <summary>
/// The opaque cursor of a page: the last row's time and id, base64url-encoded. Clients pass it back as it is; the
/// store continues strictly after that row, so rows added meanwhile neither shift nor repeat a page.
/// </summary>
internal static class Cursor
{
    public static string Encode(PageKey key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            key.At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + ":" + key.Id));

    public static bool TryDecode(string text, out PageKey? key)
    {
        key = null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == decoded.Length - 1
                || !long.TryParse(decoded.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
            {
                return false;
            }

            key = new PageKey(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), decoded[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
