using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Webhooks.Modular.Storage.Postgres.Schema;

/// <summary>The advisory lock that makes hosts starting together migrate one at a time.</summary>
internal static class MigrationLock
{
    /// <summary>
    /// The lock's key for a schema: the first 8 bytes of a SHA-256 of a fixed prefix and the schema name. It is the
    /// same on every host and every version (unlike PostgreSQL's internal <c>hashtext</c>), and differs per schema
    /// so that deployments sharing a database do not wait on each other.
    /// </summary>
    /// <param name="schema">The schema.</param>
    public static long KeyFor(string schema)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("Webhooks.Modular.Storage.Postgres/migrations/" + schema));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}
