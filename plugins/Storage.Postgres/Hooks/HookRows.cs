using Npgsql;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Hooks;

/// <summary>How a hook is laid out in the <c>hooks</c> table.</summary>
internal static class HookRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "name, definition, enabled, created_at, updated_at";

    /// <summary>Reads a hook selected with <see cref="Columns"/>.</summary>
    /// <param name="reader">A reader on a row.</param>
    public static HookRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetBoolean(2),
        StoredTime.Read(reader, 3),
        StoredTime.Read(reader, 4));
}
