using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Webhooks.Modular.Core.Health;

/// <summary>
/// Liveness and readiness, composed in one place. Plugins add their own checks with
/// <c>services.AddHealthChecks().AddCheck&lt;T&gt;(name)</c> in <c>ConfigureServices</c>; every registered check
/// counts for readiness, none for liveness.
/// </summary>
internal static class HealthRegistration
{
    // A check that hangs (a database that stopped answering without closing the connection) makes the probe fail
    // rather than wait for the prober's own time-out.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    public static IServiceCollection AddEngineHealthChecks(this IServiceCollection services)
    {
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.Section);
        services.AddHealthChecks()
            .AddCheck<DataProtectionHealthCheck>(HealthTags.DataProtection, timeout: CheckTimeout)
            .AddCheck<WorkersHealthCheck>(HealthTags.Workers, timeout: CheckTimeout);
        return services;
    }

    public static void MapEngineHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<HealthOptions>>().Value;
        if (!options.Enabled)
        {
            return;
        }

        Require(options.LivePath, nameof(HealthOptions.LivePath));
        Require(options.ReadyPath, nameof(HealthOptions.ReadyPath));

        // Probes carry no credentials: neither hook authentication nor a sign-in applies to these paths.
        if (!string.IsNullOrWhiteSpace(options.LivePath))
        {
            endpoints.MapHealthChecks(options.LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync })
                .AllowAnonymous()
                .WithDisplayName("Liveness");
        }

        if (!string.IsNullOrWhiteSpace(options.ReadyPath))
        {
            endpoints.MapHealthChecks(options.ReadyPath, new HealthCheckOptions
            {
                ResultStatusCodes =
                {
                    [HealthStatus.Healthy] = 200,
                    [HealthStatus.Degraded] = 200,
                    [HealthStatus.Unhealthy] = 503,
                },
                ResponseWriter = HealthResponseWriter.WriteAsync,
            }).AllowAnonymous().WithDisplayName("Readiness");
        }
    }

    private static void Require(string? path, string key)
    {
        if (!string.IsNullOrWhiteSpace(path) && !path.StartsWith('/'))
        {
            throw new ArgumentException($"{HealthOptions.Section}:{key}: must start with '/' (got '{path}')");
        }
    }
}
