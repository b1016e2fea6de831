using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Webhooks.Modular.Storage.Postgres.Database;

namespace Webhooks.Modular.Storage.Postgres.Health;

/// <summary>
/// Readiness of the store: the server answers on a fresh pooled connection and the schema is at the version this
/// code knows. Unhealthy while the server is down; healthy again, with nothing to restart, once it is back.
/// </summary>
internal sealed class PostgresHealthCheck(PostgresDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await using var command = new NpgsqlCommand($"SELECT COALESCE(MAX(version), 0) FROM {database.Schema}.schema_version", connection);
                var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
                return version == database.KnownSchemaVersion
                    ? HealthCheckResult.Healthy($"schema {database.Options.Schema} at version {version}")
                    : HealthCheckResult.Unhealthy($"schema {database.Options.Schema} at version {version}, this host needs {database.KnownSchemaVersion}");
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            // Named by kind only: the answer is public, and the exception (in the log) says the rest.
            return HealthCheckResult.Unhealthy($"database unreachable ({e.GetType().Name})", e);
        }
    }
}
