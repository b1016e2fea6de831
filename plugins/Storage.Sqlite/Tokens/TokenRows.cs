using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Tokens;

/// <summary>How a token is laid out in the <c>auth_tokens</c> table.</summary>
internal static class TokenRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "id, scope, hash, prefix, created_at, expires_at, last_used_at, created_by";

    /// <summary>Reads a token selected with <see cref="Columns"/>.</summary>
    /// <param name="reader">A reader on a row.</param>
    public static AuthTokenRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        (byte[])reader.GetValue(2),
        reader.GetString(3),
        UnixTime.FromMilliseconds(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : UnixTime.FromMilliseconds(reader.GetInt64(5)),
        reader.IsDBNull(6) ? null : UnixTime.FromMilliseconds(reader.GetInt64(6)),
        reader.IsDBNull(7) ? null : reader.GetString(7));
}
