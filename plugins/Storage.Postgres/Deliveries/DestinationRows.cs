using Npgsql;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Common.Json;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Deliveries;

/// <summary>How a destination is laid out in the <c>destinations</c> table.</summary>
internal static class DestinationRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = """
        id, owner, url, method, event_types, hook_name, description, is_active, disabled_reason, channel, format,
        signing, secrets, headers, credential_id, template, retry, created_at, updated_at, failing_since
        """;

    /// <summary>
    /// The parameter list matching <see cref="Columns"/> (JSON columns cast from the text they are bound as, and
    /// nullable ones typed, since a NULL alone says nothing of its type).
    /// </summary>
    public const string Values = """
        @id, @owner, @url, @method, @event_types, @hook_name::text, @description::text, @is_active, @disabled_reason::text,
        @channel, @format, @signing, @secrets::jsonb, @headers::jsonb, @credential_id::text, @template::text, @retry::jsonb,
        @created_at, @updated_at, @failing_since::timestamptz
        """;

    /// <summary>Every column as a named parameter, JSON already serialised.</summary>
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
            ("id", destination.Id),
            ("owner", destination.Owner),
            ("url", destination.Url),
            ("method", destination.Method),
            ("event_types", destination.EventTypes.ToArray()),
            ("hook_name", destination.HookName),
            ("description", destination.Description),
            ("is_active", destination.IsActive),
            ("disabled_reason", destination.DisabledReason),
            ("channel", destination.Channel),
            ("format", destination.Format),
            ("signing", destination.Signing),
            ("secrets", DestinationJson.WriteSecrets(destination.Secrets)),
            ("headers", DestinationJson.WriteHeaders(destination.Headers)),
            ("credential_id", destination.CredentialId),
            ("template", destination.Template),
            ("retry", DestinationJson.WriteRetry(destination.Retry)),
            ("created_at", StoredTime.From(destination.CreatedAt)),
            ("updated_at", StoredTime.From(destination.UpdatedAt)),
            ("failing_since", StoredTime.From(destination.FailingSince)),
        ];
    }

    /// <summary>Reads a destination selected with <see cref="Columns"/>.</summary>
    /// <param name="reader">A reader on a row.</param>
    public static DestinationRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetFieldValue<string[]>(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.GetBoolean(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetString(9),
        reader.GetString(10),
        reader.GetString(11),
        DestinationJson.ReadSecrets(reader.GetString(12)),
        DestinationJson.ReadHeaders(reader.GetString(13)),
        reader.IsDBNull(14) ? null : reader.GetString(14),
        reader.IsDBNull(15) ? null : reader.GetString(15),
        DestinationJson.ReadRetry(reader.GetString(16)),
        StoredTime.Read(reader, 17),
        StoredTime.Read(reader, 18),
        StoredTime.ReadNullable(reader, 19));
}
