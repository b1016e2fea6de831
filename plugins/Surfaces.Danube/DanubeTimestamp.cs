using System.Globalization;

namespace Webhooks.Modular.Surfaces.Danube;

/// <summary>How this surface writes times, in bodies and in deliveries' envelopes: ISO-8601, UTC, milliseconds, <c>Z</c>.</summary>
internal static class DanubeTimestamp
{
    /// <summary>Such as <c>2026-03-14T15:09:26.535Z</c>.</summary>
    /// <param name="time">The time, at any offset.</param>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Like <see cref="Format(DateTimeOffset)"/>, <c>null</c> for <c>null</c>.</summary>
    /// <param name="time">The time, or <c>null</c>.</param>
    public static string? Format(DateTimeOffset? time) => time is { } value ? Format(value) : null;
}
