using LiteDB;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Webhooks.Modular.Storage.LiteDb.Database;

namespace Webhooks.Modular.Storage.LiteDb.Health;

/// <summary>
/// Readiness of the store: the file is still there, the engine reads, and its layout is the one this code knows. An
/// engine closed by an I/O error stays unhealthy until the host restarts, since every write would fail.
/// </summary>
internal sealed class LiteDbHealthCheck(LiteDbDatabase database) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!File.Exists(database.Options.Path))
            {
                return HealthCheckResult.Unhealthy("database file missing");
            }

            var version = await database.ReadAsync(
                db => db.GetCollection(Collections.Meta).FindById("layout") is { } layout ? layout["version"].AsInt32 : 0,
                cancellationToken).ConfigureAwait(false);
            return version == LiteDbFile.LayoutVersion
                ? HealthCheckResult.Healthy($"layout at version {version}")
                : HealthCheckResult.Unhealthy($"layout at version {version}, this host needs {LiteDbFile.LayoutVersion}");
        }
        catch (Exception e) when (e is LiteException or IOException or UnauthorizedAccessException or InvalidOperationException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy($"database not readable ({e.GetType().Name})", e);
        }
    }
}
