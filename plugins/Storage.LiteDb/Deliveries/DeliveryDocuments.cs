using LiteDB;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Deliveries;

/// <summary>Deliveries and their attempts as stored.</summary>
internal static class DeliveryDocuments
{
    /// <summary>A delivery's status as stored (the same words as the SQL stores).</summary>
    /// <param name="status">The status.</param>
    public static string StatusText(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => "pending",
        DeliveryStatus.Success => "success",
        DeliveryStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown delivery status."),
    };

    /// <summary>Reads a delivery.</summary>
    /// <param name="d">The stored delivery.</param>
    public static DeliveryRecord Read(BsonDocument d) => new(
        d["_id"].AsString,
        d["destination_id"].AsString,
        Guid.Parse(d["event_id"].AsString),
        d["event_type"].AsString,
        d["content_type"].AsString,
        Documents.Bytes(d, "body"),
        ParseStatus(d["status"].AsString),
        d["attempts"].AsInt32,
        d["retries"].AsInt32,
        Documents.Time(d, "next_attempt_at"),
        d["lease_token"].AsInt64,
        Documents.OptionalText(d, "lease_owner"),
        Documents.OptionalTime(d, "lease_expires_at"),
        Documents.Time(d, "created_at"),
        Documents.OptionalTime(d, "completed_at"),
        Documents.OptionalNumber(d, "last_status_code"),
        Documents.OptionalText(d, "last_error"));

    /// <summary>An attempt as a document; its id is the delivery and the attempt number, so an attempt is recorded once.</summary>
    /// <param name="attempt">The attempt.</param>
    public static BsonDocument WriteAttempt(DeliveryAttemptRecord attempt) => new()
    {
        ["_id"] = attempt.DeliveryId + "|" + attempt.Attempt.ToString("D10", System.Globalization.CultureInfo.InvariantCulture),
        ["delivery_id"] = attempt.DeliveryId,
        ["attempt"] = attempt.Attempt,
        ["started_at"] = UnixTime.ToMilliseconds(attempt.StartedAt),
        ["duration_ms"] = (long)Math.Round(attempt.Duration.TotalMilliseconds, MidpointRounding.AwayFromZero),
        ["status_code"] = Documents.Number(attempt.StatusCode),
        ["response_excerpt"] = Documents.Text(attempt.ResponseExcerpt),
        ["error"] = Documents.Text(attempt.Error),
    };

    /// <summary>Reads an attempt.</summary>
    /// <param name="a">The stored attempt.</param>
    public static DeliveryAttemptRecord ReadAttempt(BsonDocument a) => new(
        a["delivery_id"].AsString,
        a["attempt"].AsInt32,
        Documents.Time(a, "started_at"),
        TimeSpan.FromMilliseconds(a["duration_ms"].AsInt64),
        Documents.OptionalNumber(a, "status_code"),
        Documents.OptionalText(a, "response_excerpt"),
        Documents.OptionalText(a, "error"));

    private static DeliveryStatus ParseStatus(string text) => text switch
    {
        "pending" => DeliveryStatus.Pending,
        "success" => DeliveryStatus.Success,
        "failed" => DeliveryStatus.Failed,
        _ => throw new InvalidDataException($"Unknown delivery status '{text}' in the deliveries collection."),
    };
}
