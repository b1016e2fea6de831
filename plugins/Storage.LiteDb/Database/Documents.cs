using System.Globalization;
using LiteDB;

namespace Webhooks.Modular.Storage.LiteDb.Database;

/// <summary>Reading and writing the fields every document shares: optional values, times, sort keys.</summary>
internal static class Documents
{
    /// <summary>A nullable string as stored.</summary>
    /// <param name="value">The value.</param>
    public static BsonValue Text(string? value) => value is null ? BsonValue.Null : new BsonValue(value);

    /// <summary>A nullable time as stored (unix milliseconds).</summary>
    /// <param name="value">The value.</param>
    public static BsonValue Time(DateTimeOffset? value) => value is { } time ? new BsonValue(UnixTime.ToMilliseconds(time)) : BsonValue.Null;

    /// <summary>A nullable number as stored.</summary>
    /// <param name="value">The value.</param>
    public static BsonValue Number(int? value) => value is { } number ? new BsonValue(number) : BsonValue.Null;

    /// <summary>A stored string, or <c>null</c>.</summary>
    /// <param name="document">The document.</param>
    /// <param name="field">The field.</param>
    public static string? OptionalText(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && !value.IsNull ? value.AsString : null;

    /// <summary>A stored time.</summary>
    /// <param name="document">The document.</param>
    /// <param name="field">The field.</param>
    public static DateTimeOffset Time(BsonDocument document, string field) => UnixTime.FromMilliseconds(document[field].AsInt64);

    /// <summary>A stored time, or <c>null</c>.</summary>
    /// <param name="document">The document.</param>
    /// <param name="field">The field.</param>
    public static DateTimeOffset? OptionalTime(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && !value.IsNull ? UnixTime.FromMilliseconds(value.AsInt64) : null;

    /// <summary>A stored number, or <c>null</c>.</summary>
    /// <param name="document">The document.</param>
    /// <param name="field">The field.</param>
    public static int? OptionalNumber(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && !value.IsNull ? value.AsInt32 : null;

    /// <summary>Stored bytes, empty when absent.</summary>
    /// <param name="document">The document.</param>
    /// <param name="field">The field.</param>
    public static byte[] Bytes(BsonDocument document, string field) =>
        document.TryGetValue(field, out var value) && !value.IsNull ? value.AsBinary : [];

    /// <summary>
    /// A key that sorts, byte for byte, by time and then id: LiteDB orders by one expression, and the SQL stores
    /// order by time then id to make ties stable.
    /// </summary>
    /// <param name="milliseconds">The time.</param>
    /// <param name="id">The id.</param>
    public static string OrderKey(long milliseconds, string id) =>
        milliseconds.ToString("D19", CultureInfo.InvariantCulture) + "|" + id;
}
