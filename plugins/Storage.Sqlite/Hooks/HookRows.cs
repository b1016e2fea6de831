using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Hooks;

/// <summary>How a hook is laid out in the <c>hooks</c> table.</summary>
internal static class HookRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "name, definition, enabled, created_at, updated_at";

    /// <summary>Reads a hook selected with <see cref="Columns"/>.</summary>
    /// <param name="reader">A reader on a row.</param>
    public static HookRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt64(2) != 0,
        UnixTime.FromMilliseconds(reader.GetInt64(3)),
        UnixTime.FromMilliseconds(reader.GetInt64(4)));
}
