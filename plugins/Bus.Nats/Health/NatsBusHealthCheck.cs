using Microsoft.Extensions.Diagnostics.HealthChecks;
using Webhooks.Modular.Bus.Nats.Configuration;
using Webhooks.Modular.Bus.Nats.Connection;
using Webhooks.Modular.Bus.Nats.Relay;

namespace Webhooks.Modular.Bus.Nats.Health;

/// <summary>
/// Degraded, not unhealthy, when NATS is unreachable or the relay lags: the host still accepts webhooks (the store
/// is the source of truth) and the relay catches up, so taking the host out of a load balancer would not help.
/// </summary>
internal sealed class NatsBusHealthCheck(NatsBusConnection nats, RelayStatus relay, NatsBusOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["connection"] = nats.Connection.ConnectionState.ToString(),
            ["stream"] = options.Stream,
            ["relayLagSeconds"] = Math.Round(relay.Lag.TotalSeconds, 3),
            ["relayed"] = relay.Relayed,
        };
        if (relay.LastError is { } error)
        {
            data["relayError"] = error;
        }

        if (!nats.IsConnected)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"not connected to NATS at {options.Url}; events wait in the store", data: data));
        }

        if (relay.Lag.TotalSeconds > options.MaxLagSeconds)
        {
            return Task.FromResult(HealthCheckResult.Degraded(
                $"the relay is {relay.Lag.TotalSeconds:F0} s behind (more than maxLagSeconds {options.MaxLagSeconds})", data: data));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"connected; relay {relay.Lag.TotalSeconds:F1} s behind", data));
    }
}
