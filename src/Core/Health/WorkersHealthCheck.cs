using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Delivery;
using Webhooks.Modular.Core.Runs;

namespace Webhooks.Modular.Core.Health;

/// <summary>
/// The run worker and the delivery worker are running (or switched off on purpose): a host whose worker stopped
/// still accepts webhooks, but nothing would run them, so it is not ready.
/// </summary>
internal sealed class WorkersHealthCheck(
    IEnumerable<IHostedService> hostedServices,
    IOptions<RunWorkerOptions> runOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    IDeliveryStore? deliveryStore = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var services = hostedServices.ToList();
        var run = State(services.OfType<RunWorker>().FirstOrDefault(), runOptions.Value.Enabled);
        var delivery = State(services.OfType<DeliveryWorker>().FirstOrDefault(), deliveryOptions.Value.Enabled && deliveryStore is not null);
        var data = new Dictionary<string, object> { ["run"] = run, ["delivery"] = delivery };
        var description = $"run worker {run}, delivery worker {delivery}";
        return Task.FromResult(run is "running" or "disabled" && delivery is "running" or "disabled"
            ? HealthCheckResult.Healthy(description, data)
            : HealthCheckResult.Unhealthy(description, data: data));
    }

    private static string State(BackgroundService? worker, bool enabled) => worker switch
    {
        _ when !enabled => "disabled",
        null => "missing",
        { ExecuteTask: null } => "not started",
        { ExecuteTask.IsCompleted: true } => "stopped",
        _ => "running",
    };
}
