using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Webhooks.Modular.Storage.Sqlite.Database;

namespace Webhooks.Modular.Storage.Sqlite.Health;

/// <summary>
/// Readiness of the store: the file opens and reads, and its schema is at the version this code knows. A file that
/// was removed, made unreadable or replaced by something else is unhealthy until it is put right.
/// </summary>
internal sealed class SqliteHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A read connection must not create a missing file: that would hide a deleted database behind an empty one.
            if (!File.Exists(database.Options.Path))
            {
                return HealthCheckResult.Unhealthy("database file missing");
            }

            var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
                var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                return version == database.KnownSchemaVersion
                    ? HealthCheckResult.Healthy($"schema at version {version}")
                    : HealthCheckResult.Unhealthy($"schema at version {version}, this host needs {database.KnownSchemaVersion}");
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"database not readable ({e.GetType().Name})", e);
        }
    }
}
