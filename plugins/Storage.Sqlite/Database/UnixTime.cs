namespace Webhooks.Modular.Storage.Sqlite.Database;

/// <summary>
/// Times are stored as unix milliseconds: integers compare and index correctly in SQL, which ISO text only
/// does when every writer formats it identically.
/// </summary>
internal static class UnixTime
{
    /// <summary>A time as unix milliseconds.</summary>
    /// <param name="time">The time.</param>
    public static long ToMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>Unix milliseconds as a UTC time.</summary>
    /// <param name="milliseconds">The stored value.</param>
    public static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>A duration as whole milliseconds, rounded up so that a tiny lease is not a zero lease.</summary>
    /// <param name="duration">The duration.</param>
    public static long ToMilliseconds(TimeSpan duration) => (long)Math.Ceiling(duration.TotalMilliseconds);
}
