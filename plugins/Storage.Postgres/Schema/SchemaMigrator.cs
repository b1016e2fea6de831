using System.Data;
using Npgsql;

namespace Webhooks.Modular.Storage.Postgres.Schema;

/// <summary>Brings a schema up to the version this code knows, or refuses one that is newer.</summary>
internal static class SchemaMigrator
{
    /// <summary>
    /// Creates the schema if missing and applies every step not yet recorded, all in one transaction that holds
    /// the schema's advisory lock: hosts starting together wait for each other, and the later ones find the work
    /// done. PostgreSQL's DDL is transactional, so a failing step leaves the schema as it was.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="schema">The schema (unquoted; validated by the options).</param>
    /// <param name="migrations">The steps, in version order.</param>
    /// <param name="now">The time to record as <c>applied_at</c>.</param>
    /// <param name="cancellationToken">Cancels the migration (which then rolls back).</param>
    /// <returns>The schema's version afterwards and how many steps this call applied.</returns>
    /// <exception cref="SchemaTooNewException">The schema has a newer version than <paramref name="migrations"/> reach.</exception>
    public static async Task<(int Version, int Applied)> MigrateAsync(
        NpgsqlConnection connection, string schema, IReadOnlyList<SchemaMigration> migrations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var quoted = $"\"{schema}\"";
        var known = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);

        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Held until commit or rollback, so also released if this host dies half-way.
            await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", [("key", MigrationLock.KeyFor(schema))], cancellationToken).ConfigureAwait(false);

            // CREATE SCHEMA IF NOT EXISTS still needs the CREATE privilege; a role that may only use a schema an
            // administrator made must not be refused, so look first.
            var exists = await ScalarAsync(
                connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema)", [("schema", schema)], cancellationToken).ConfigureAwait(false);
            if (exists is not true)
            {
                await ExecuteAsync(connection, $"CREATE SCHEMA {quoted}", [], cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(connection, $"SET LOCAL search_path TO {quoted}", [], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                connection,
                """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version     integer     NOT NULL PRIMARY KEY,
                    name        text        NOT NULL,
                    applied_at  timestamptz NOT NULL
                )
                """,
                [],
                cancellationToken).ConfigureAwait(false);

            var current = Convert.ToInt32(
                await ScalarAsync(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_version", [], cancellationToken).ConfigureAwait(false),
                System.Globalization.CultureInfo.InvariantCulture);
            if (current > known)
            {
                // Old code on a newer schema would write rows the newer code does not expect (or miss columns it
                // relies on); stopping is the only safe answer.
                throw new SchemaTooNewException(schema, current, known);
            }

            var version = current;
            var applied = 0;
            foreach (var migration in migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
            {
                await ExecuteAsync(connection, migration.Sql, [], cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(
                    connection,
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (@version, @name, @applied_at)",
                    [("version", migration.Version), ("name", migration.Name), ("applied_at", now)],
                    cancellationToken).ConfigureAwait(false);
                version = migration.Version;
                applied++;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (version, applied);
        }
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        Database.SqlParameters.Bind(command.Parameters, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(
        NpgsqlConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        Database.SqlParameters.Bind(command.Parameters, parameters);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
