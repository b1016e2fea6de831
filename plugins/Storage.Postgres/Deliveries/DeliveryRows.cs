using Npgsql;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Deliveries;

/// <summary>How a delivery is laid out in the <c>deliveries</c> table.</summary>
internal static class DeliveryRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = """
        id, destination_id, event_id, event_type, content_type, body, status, attempts, retries, next_attempt_at,
        lease_token, lease_owner, lease_expires_at, created_at, completed_at, last_status_code, last_error
        """;

    /// <summary>The stored text of a status.</summary>
    /// <param name="status">The status.</param>
    public static string StatusText(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Success => "success",
        DeliveryStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown delivery status."),
    };

    /// <summary>Reads a delivery selected with <see cref="Columns"/>.</summary>
    /// <param name="reader">A reader on a row.</param>
    public static DeliveryRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetGuid(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetFieldValue<byte[]>(5),
        ParseStatus(reader.GetString(6)),
        reader.GetInt32(7),
        reader.GetInt32(8),
        StoredTime.Read(reader, 9),
        reader.GetInt64(10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        StoredTime.ReadNullable(reader, 12),
        StoredTime.Read(reader, 13),
        StoredTime.ReadNullable(reader, 14),
        reader.IsDBNull(15) ? null : reader.GetInt32(15),
        reader.IsDBNull(16) ? null : reader.GetString(16));

    private static DeliveryStatus ParseStatus(string text) => text switch
    {
        "pending" => DeliveryStatus.Pending,
        "success" => DeliveryStatus.Success,
        "failed" => DeliveryStatus.Failed,
        _ => throw new InvalidDataException($"Unknown delivery status '{text}' in the deliveries table."),
    };
}
