using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Telemetry.OpenTelemetry.Configuration;

namespace Webhooks.Modular.Telemetry.OpenTelemetry;

/// <summary>
/// Exports the engine's instruments (meter <c>Webhooks.Modular</c>) and spans (activity source <c>Webhooks.Modular</c>):
/// Prometheus text at <c>/metrics</c> (<c>prometheusPath</c>), and OTLP to <c>otlpEndpoint</c> when one is set. Settings:
/// see the README.
/// </summary>
public sealed class TelemetryPlugin : WebhookPlugin
{
    /// <summary>The meter and activity source the engine and its plugins report on.</summary>
    public const string SourceName = "Webhooks.Modular";

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        var options = TelemetryOptions.FromSettings(context);
        services.AddSingleton(options);
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SourceName);
                if (options.PrometheusPath is not null)
                {
                    metrics.AddPrometheusExporter();
                }

                if (options.OtlpEndpoint is not null)
                {
                    metrics.AddOtlpExporter(otlp => Configure(otlp, options));
                }
            });
        if (options.Traces)
        {
            builder.WithTracing(tracing =>
            {
                tracing.AddSource(SourceName);
                if (options.OtlpEndpoint is not null)
                {
                    tracing.AddOtlpExporter(otlp => Configure(otlp, options));
                }
            });
        }
    }

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints, PluginContext context)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<TelemetryOptions>();
        if (options.PrometheusPath is { } path)
        {
            endpoints.MapPrometheusScrapingEndpoint(path);
        }
    }

    private static void Configure(OtlpExporterOptions otlp, TelemetryOptions options)
    {
        otlp.Endpoint = options.OtlpEndpoint!;
        otlp.Protocol = options.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
    }
}
