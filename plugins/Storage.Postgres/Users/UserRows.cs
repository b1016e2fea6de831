using System.Text;
using Npgsql;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Users;

/// <summary>How a user is laid out in the <c>users</c> table.</summary>
internal static class UserRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "id, username, password_hash, role, created_at, updated_at";

    /// <summary>
    /// The form a name is unique in: composed (so that an accented letter typed two ways is one name), then
    /// upper-cased in the invariant culture, as ASP.NET Core Identity normalizes names. The same as the SQLite store.
    /// </summary>
    /// <param name="username">The name as written.</param>
    public static string Normalize(string username) => username.Normalize(NormalizationForm.FormC).ToUpperInvariant();

    /// <summary>Reads a user selected with <see cref="Columns"/>.</summary>
    /// <param name="reader">A reader on a row.</param>
    public static UserRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        StoredTime.Read(reader, 4),
        StoredTime.Read(reader, 5));
}
