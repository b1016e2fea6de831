using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Plugins;

namespace Samples.Greeting;

/// <summary>
/// A health check for a plugin that depends on something outside the process: it counts for the host's
/// <c>/readyz</c>. (The greeting plugin itself needs none; docs/plugins.md quotes the registration below.)
/// </summary>
/// <param name="host">The broker's host name.</param>
/// <param name="port">The broker's port.</param>
public sealed class BrokerHealthCheck(string host, int port) : IHealthCheck
{
    /// <summary>Registers the check the way a plugin's <c>ConfigureServices</c> does.</summary>
    public static void Register(IServiceCollection services, PluginContext context)
    {
        #region register
        services.AddHealthChecks().AddCheck(context.Name, new BrokerHealthCheck("broker.internal", 5672), timeout: TimeSpan.FromSeconds(10));
        #endregion
    }

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(host, port, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SocketException)
        {
            // The answer is public: name the kind of failure, never an address, a connection string or a secret.
            return HealthCheckResult.Unhealthy("broker unreachable");
        }
    }
}
