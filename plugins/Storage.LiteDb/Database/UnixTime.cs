namespace Webhooks.Modular.Storage.LiteDb.Database;

/// <summary>Times as stored: unix milliseconds, the precision every storage plugin keeps.</summary>
internal static class UnixTime
{
    /// <summary>A time as stored.</summary>
    /// <param name="time">The time.</param>
    public static long ToMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    /// <summary>A stored time.</summary>
    /// <param name="milliseconds">Unix milliseconds.</param>
    public static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    /// <summary>A duration as stored, rounded up so that a lease never ends early.</summary>
    /// <param name="duration">The duration.</param>
    public static long ToMilliseconds(TimeSpan duration) => (long)Math.Ceiling(duration.TotalMilliseconds);
}
