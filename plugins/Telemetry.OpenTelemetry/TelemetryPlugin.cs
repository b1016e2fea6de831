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
                    metrics.AddOtlpExporter((otlp, reader) =>
                    {
                        Configure(otlp, options, "v1/metrics");
                        if (options.OtlpExportInterval is { } interval)
                        {
                            reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval;
                        }
                    });
                }
            });
        if (options.Traces)
        {
            builder.WithTracing(tracing =>
            {
                tracing.AddSource(SourceName);
                if (options.OtlpEndpoint is not null)
                {
                    tracing.AddOtlpExporter(otlp =>
                    {
                        Configure(otlp, options, "v1/traces");
                        if (options.OtlpExportInterval is { } interval)
                        {
                            otlp.BatchExportProcessorOptions.ScheduledDelayMilliseconds = interval;
                        }
                    });
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

    /// <summary>
    /// Points the exporter at the collector. Over HTTP each signal has its own path under the base URL (<c>/v1/traces</c>,
    /// <c>/v1/metrics</c>), as for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; the exporter uses an endpoint set in code as it is, so
    /// without this both signals would be posted to the base URL itself and a collector would answer 404.
    /// </summary>
    private static void Configure(OtlpExporterOptions otlp, TelemetryOptions options, string signalPath)
    {
        var endpoint = options.OtlpEndpoint!;
        if (options.OtlpProtocol == "grpc")
        {
            otlp.Protocol = OtlpExportProtocol.Grpc;
            otlp.Endpoint = endpoint;
            return;
        }

        otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
        var path = endpoint.AbsolutePath.EndsWith('/') ? endpoint.AbsolutePath : endpoint.AbsolutePath + "/";
        otlp.Endpoint = new UriBuilder(endpoint) { Path = path + signalPath }.Uri;
    }
}
