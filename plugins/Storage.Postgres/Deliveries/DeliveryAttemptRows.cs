using Npgsql;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Deliveries;

/// <summary>How an attempt is laid out in the <c>delivery_attempts</c> table.</summary>
internal static class DeliveryAttemptRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "delivery_id, attempt, started_at, duration_ms, status_code, response_excerpt, error";

    /// <summary>A duration as stored: whole milliseconds, rounded to the nearest.</summary>
    /// <param name="duration">The duration.</param>
    public static long DurationMilliseconds(TimeSpan duration) => (long)Math.Round(duration.TotalMilliseconds, MidpointRounding.AwayFromZero);

    /// <summary>Reads an attempt selected with <see cref="Columns"/>.</summary>
    /// <param name="reader">A reader on a row.</param>
    public static DeliveryAttemptRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        StoredTime.Read(reader, 2),
        TimeSpan.FromMilliseconds(reader.GetInt64(3)),
        reader.IsDBNull(4) ? null : reader.GetInt32(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6));
}
