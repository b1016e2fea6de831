using Npgsql;

namespace Webhooks.Modular.Storage.Postgres.Database;

/// <summary>
/// Times are stored as <c>timestamptz</c> truncated to whole milliseconds, so that a time reads back exactly as
/// the SQLite store returns it (unix milliseconds) and a value written by one host compares equal on another.
/// </summary>
internal static class StoredTime
{
    /// <summary>A time as stored: UTC, whole milliseconds.</summary>
    /// <param name="time">The time.</param>
    public static DateTimeOffset From(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    /// <summary>An optional time as stored, or <c>null</c>.</summary>
    /// <param name="time">The time.</param>
    public static DateTimeOffset? From(DateTimeOffset? time) => time is { } value ? From(value) : null;

    /// <summary>A duration in whole milliseconds, rounded up so that a tiny lease is not a zero lease.</summary>
    /// <param name="duration">The duration.</param>
    public static TimeSpan Duration(TimeSpan duration) => TimeSpan.FromMilliseconds(Math.Ceiling(duration.TotalMilliseconds));

    /// <summary>Reads a <c>timestamptz</c> column.</summary>
    /// <param name="reader">A reader on a row.</param>
    /// <param name="ordinal">The column.</param>
    public static DateTimeOffset Read(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>Reads a nullable <c>timestamptz</c> column.</summary>
    /// <param name="reader">A reader on a row.</param>
    /// <param name="ordinal">The column.</param>
    public static DateTimeOffset? ReadNullable(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
