using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Api.Management.Paging;

namespace Webhooks.Modular.Plugins.Tests.Api.Management;

/// <summary>The opaque cursor round-trips its position, and every bad list parameter is refused by name.</summary>
public sealed class PagingTests
{
    [Fact]
    public void A_cursor_gives_back_the_time_and_id_it_was_made_from_even_when_the_id_has_colons()
    {
        var key = new PageKey(DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_123), "run:with:colons");

        Assert.True(Cursor.TryDecode(Cursor.Encode(key), out var decoded));
        Assert.Equal(key, decoded);
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("bm8tY29sb24")] // "no-colon"
    [InlineData("OjEyMw")] // ":123": no time
    [InlineData("MTIzOg")] // "123:": no id
    [InlineData("LTE6aWQ")] // "-1:id": not a whole number
    public void A_cursor_this_api_did_not_make_is_refused(string cursor) => Assert.False(Cursor.TryDecode(cursor, out _));

    [Theory]
    [InlineData("0", null, null, null, "limit")]
    [InlineData("501", null, null, null, "limit")]
    [InlineData("ten", null, null, null, "limit")]
    [InlineData(null, "garbage!", null, null, "cursor")]
    [InlineData(null, null, "yesterday", null, "from")]
    [InlineData(null, null, null, "soon", "to")]
    [InlineData(null, null, "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", "to must be later than from")]
    public void Bad_parameters_are_named(string? limit, string? cursor, string? from, string? to, string named)
    {
        var (parameters, error) = ListParameters.Parse(limit, cursor, from, to);

        Assert.Null(parameters);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_and_times_without_an_offset_are_utc()
    {
        var (parameters, error) = ListParameters.Parse(null, null, "2026-01-01T10:00:00", null);

        Assert.Null(error);
        Assert.Equal(new ListParameters(ListParameters.DefaultLimit, null, new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero), null), parameters);
    }
}
