using Npgsql;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Credentials;

/// <summary>How a credential is laid out in the <c>credentials</c> table.</summary>
internal static class CredentialRows
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns = "id, name, type, protected_data, hint, created_at";

    /// <summary>Reads a credential selected with <see cref="Columns"/>.</summary>
    /// <param name="reader">A reader on a row.</param>
    public static CredentialRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        StoredTime.Read(reader, 5));
}
