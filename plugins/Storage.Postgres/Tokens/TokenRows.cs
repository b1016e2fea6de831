using Npgsql;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Tokens;

/// <summary>How a token is laid out in the <c>auth_tokens</c> table.</summary>
internal static class TokenRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "id, scope, hash, prefix, created_at, expires_at, last_used_at, created_by";

    /// <summary>Reads a token selected with <see cref="Columns"/>.</summary>
    /// <param name="reader">A reader on a row.</param>
    public static AuthTokenRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetFieldValue<byte[]>(2),
        reader.GetString(3),
        StoredTime.Read(reader, 4),
        StoredTime.ReadNullable(reader, 5),
        StoredTime.ReadNullable(reader, 6),
        reader.IsDBNull(7) ? null : reader.GetString(7));
}
