using System.Globalization;
using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Api.Management.Paging;

/// <summary>The paging and time-window parameters every list takes, checked: <c>limit</c>, <c>cursor</c>, <c>from</c>, <c>to</c>.</summary>
/// <param name="Limit">The page size.</param>
/// <param name="After">Where the previous page stopped.</param>
/// <param name="From">Rows at or after this time.</param>
/// <param name="To">Rows before this time.</param>
internal sealed record ListParameters(int Limit, PageKey? After, DateTimeOffset? From, DateTimeOffset? To)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>The parameters, or the message naming the one that is wrong.</summary>
    public static (ListParameters? Parameters, string? Error) Parse(string? limit, string? cursor, string? from, string? to)
    {
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxLimit))
        {
            return (null, $"limit must be a whole number from 1 to {MaxLimit}, not '{limit}'");
        }

        PageKey? after = null;
        if (cursor is not null && !Cursor.TryDecode(cursor, out after))
        {
            return (null, "cursor is not one this API gave: pass the 'next' link of the previous page as it is");
        }

        if (!TryParseTime(from, out var start))
        {
            return (null, $"from must be an ISO 8601 time such as 2026-01-31T12:00:00Z, not '{from}'");
        }

        if (!TryParseTime(to, out var end))
        {
            return (null, $"to must be an ISO 8601 time such as 2026-01-31T12:00:00Z, not '{to}'");
        }

        if (start is not null && end is not null && end <= start)
        {
            return (null, "to must be later than from");
        }

        return (new ListParameters(size, after, start, end), null);
    }

    private static bool TryParseTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}
