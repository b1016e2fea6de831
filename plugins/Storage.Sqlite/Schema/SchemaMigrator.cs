using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Webhooks.Modular.Storage.Sqlite.Schema;

/// <summary>Brings a database up to the schema this code knows, or refuses one that is newer.</summary>
internal static class SchemaMigrator
{
    /// <summary>Applies every step not yet recorded, each in its own transaction with its record.</summary>
    /// <param name="connection">An open connection to the database.</param>
    /// <param name="migrations">The steps, in version order.</param>
    /// <param name="now">The time to record as <c>applied_at</c>.</param>
    /// <returns>How many steps were applied.</returns>
    /// <exception cref="SchemaTooNewException">The database has a newer schema than <paramref name="migrations"/> reach.</exception>
    public static int Migrate(SqliteConnection connection, IReadOnlyList<SchemaMigration> migrations, DateTimeOffset now)
    {
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER NOT NULL PRIMARY KEY,
                name        TEXT    NOT NULL,
                applied_at  INTEGER NOT NULL
            );
            """);

        var known = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        var current = CurrentVersion(connection, null);
        if (current > known)
        {
            // Running old code on a newer file would write rows the newer code does not expect (or miss
            // columns it relies on); stopping is the only safe answer.
            throw new SchemaTooNewException(connection.DataSource, current, known);
        }

        var applied = 0;
        foreach (var migration in migrations.OrderBy(m => m.Version))
        {
            // BEGIN IMMEDIATE takes the write lock before the check, so two processes starting together on
            // one file cannot both apply the same step.
            using var transaction = connection.BeginTransaction(deferred: false);
            if (IsApplied(connection, transaction, migration.Version))
            {
                continue;
            }

            Execute(connection, transaction, migration.Sql);
            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($version, $name, $applied_at)";
                record.Parameters.AddWithValue("$version", migration.Version);
                record.Parameters.AddWithValue("$name", migration.Name);
                record.Parameters.AddWithValue("$applied_at", now.ToUnixTimeMilliseconds());
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            applied++;
        }

        return applied;
    }

    private static long CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static bool IsApplied(SqliteConnection connection, SqliteTransaction transaction, int version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT 1 FROM schema_migrations WHERE version = $version";
        command.Parameters.AddWithValue("$version", version);
        return command.ExecuteScalar() is not null;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
