using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Common.Json;
using Webhooks.Modular.Storage.Sqlite.Database;
using Webhooks.Modular.Storage.Sqlite.Events;

namespace Webhooks.Modular.Storage.Sqlite.Deliveries;

/// <summary>How a destination is laid out in the <c>destinations</c> table.</summary>
internal static class DestinationRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = """
        id, owner, url, method, event_types, hook_name, description, is_active, disabled_reason, channel, format,
        signing, secrets, headers, credential_id, template, retry, created_at, updated_at, failing_since
        """;

    /// <summary>
    /// Every column as a named parameter (<c>$id</c>, <c>$owner</c>, ...), JSON already serialised, so that the
    /// writer only binds them.
    /// </summary>
    /// <param name="destination">The destination.</param>
    public static IReadOnlyList<(string Name, object? Value)> Parameters(DestinationRecord destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentException.ThrowIfNullOrEmpty(destination.Id, nameof(destination));
        ArgumentNullException.ThrowIfNull(destination.EventTypes, nameof(destination));
        ArgumentNullException.ThrowIfNull(destination.Secrets, nameof(destination));
        ArgumentNullException.ThrowIfNull(destination.Headers, nameof(destination));
        ArgumentNullException.ThrowIfNull(destination.Retry, nameof(destination));
        return
        [
            ("$id", destination.Id),
            ("$owner", destination.Owner),
            ("$url", destination.Url),
            ("$method", destination.Method),
            ("$event_types", JsonColumns.WriteStrings(destination.EventTypes)),
            ("$hook_name", destination.HookName),
            ("$description", destination.Description),
            ("$is_active", destination.IsActive ? 1 : 0),
            ("$disabled_reason", destination.DisabledReason),
            ("$channel", destination.Channel),
            ("$format", destination.Format),
            ("$signing", destination.Signing),
            ("$secrets", DestinationJson.WriteSecrets(destination.Secrets)),
            ("$headers", DestinationJson.WriteHeaders(destination.Headers)),
            ("$credential_id", destination.CredentialId),
            ("$template", destination.Template),
            ("$retry", DestinationJson.WriteRetry(destination.Retry)),
            ("$created_at", UnixTime.ToMilliseconds(destination.CreatedAt)),
            ("$updated_at", UnixTime.ToMilliseconds(destination.UpdatedAt)),
            ("$failing_since", destination.FailingSince is { } failingSince ? UnixTime.ToMilliseconds(failingSince) : null),
        ];
    }

    /// <summary>Reads a destination selected with <see cref="Columns"/>.</summary>
    /// <param name="reader">A reader on a row.</param>
    public static DestinationRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        JsonColumns.ReadStrings(reader.GetString(4)),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetInt64(7) != 0,
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetString(9),
        reader.GetString(10),
        reader.GetString(11),
        DestinationJson.ReadSecrets(reader.GetString(12)),
        DestinationJson.ReadHeaders(reader.GetString(13)),
        reader.IsDBNull(14) ? null : reader.GetString(14),
        reader.IsDBNull(15) ? null : reader.GetString(15),
        DestinationJson.ReadRetry(reader.GetString(16)),
        UnixTime.FromMilliseconds(reader.GetInt64(17)),
        UnixTime.FromMilliseconds(reader.GetInt64(18)),
        reader.IsDBNull(19) ? null : UnixTime.FromMilliseconds(reader.GetInt64(19)));
}
