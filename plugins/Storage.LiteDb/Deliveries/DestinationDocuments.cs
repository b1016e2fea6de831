using LiteDB;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Common.Json;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Deliveries;

/// <summary>
/// Destinations as stored. Secrets, headers and the retry policy are the JSON every storage plugin writes
/// (<see cref="DestinationJson"/>), so a destination reads the same whichever plugin stored it.
/// </summary>
internal static class DestinationDocuments
{
    /// <summary>A destination as a document.</summary>
    /// <param name="destination">The destination.</param>
    public static BsonDocument Write(DestinationRecord destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentException.ThrowIfNullOrEmpty(destination.Id, nameof(destination));
        ArgumentNullException.ThrowIfNull(destination.EventTypes, nameof(destination));
        ArgumentNullException.ThrowIfNull(destination.Secrets, nameof(destination));
        ArgumentNullException.ThrowIfNull(destination.Headers, nameof(destination));
        ArgumentNullException.ThrowIfNull(destination.Retry, nameof(destination));
        return new BsonDocument
        {
            ["_id"] = destination.Id,
            ["owner"] = destination.Owner,
            ["url"] = destination.Url,
            ["method"] = destination.Method,
            ["event_types"] = JsonColumns.WriteStrings(destination.EventTypes),
            ["hook_name"] = Documents.Text(destination.HookName),
            ["description"] = Documents.Text(destination.Description),
            ["is_active"] = destination.IsActive,
            ["disabled_reason"] = Documents.Text(destination.DisabledReason),
            ["channel"] = destination.Channel,
            ["format"] = destination.Format,
            ["signing"] = destination.Signing,
            ["secrets"] = DestinationJson.WriteSecrets(destination.Secrets),
            ["headers"] = DestinationJson.WriteHeaders(destination.Headers),
            ["credential_id"] = Documents.Text(destination.CredentialId),
            ["template"] = Documents.Text(destination.Template),
            ["retry"] = DestinationJson.WriteRetry(destination.Retry),
            ["created_at"] = UnixTime.ToMilliseconds(destination.CreatedAt),
            ["updated_at"] = UnixTime.ToMilliseconds(destination.UpdatedAt),
            ["failing_since"] = Documents.Time(destination.FailingSince),
        };
    }

    /// <summary>Reads a destination.</summary>
    /// <param name="d">The stored destination.</param>
    public static DestinationRecord Read(BsonDocument d) => new(
        d["_id"].AsString,
        d["owner"].AsString,
        d["url"].AsString,
        d["method"].AsString,
        JsonColumns.ReadStrings(d["event_types"].AsString),
        Documents.OptionalText(d, "hook_name"),
        Documents.OptionalText(d, "description"),
        d["is_active"].AsBoolean,
        Documents.OptionalText(d, "disabled_reason"),
        d["channel"].AsString,
        d["format"].AsString,
        d["signing"].AsString,
        DestinationJson.ReadSecrets(d["secrets"].AsString),
        DestinationJson.ReadHeaders(d["headers"].AsString),
        Documents.OptionalText(d, "credential_id"),
        Documents.OptionalText(d, "template"),
        DestinationJson.ReadRetry(d["retry"].AsString),
        Documents.Time(d, "created_at"),
        Documents.Time(d, "updated_at"),
        Documents.OptionalTime(d, "failing_since"));
}
