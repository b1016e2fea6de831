using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Telemetry.OpenTelemetry.Configuration;

/// <summary>The plugin's settings.</summary>
/// <param name="ServiceName">The <c>service.name</c> resource attribute.</param>
/// <param name="PrometheusPath">Where the Prometheus text is served; <c>null</c> when switched off.</param>
/// <param name="OtlpEndpoint">The OTLP collector; <c>null</c> exports nothing over OTLP.</param>
/// <param name="OtlpProtocol">grpc or http/protobuf.</param>
/// <param name="Traces">Whether spans are recorded and exported.</param>
/// <param name="OtlpExportInterval">
/// Milliseconds between OTLP exports of metrics and of batched spans; <c>null</c> keeps the exporter's defaults (60 s and 5 s, or
/// <c>OTEL_METRIC_EXPORT_INTERVAL</c> and <c>OTEL_BSP_SCHEDULE_DELAY</c>).
/// </param>
internal sealed record TelemetryOptions(
    string ServiceName, string? PrometheusPath, Uri? OtlpEndpoint, string OtlpProtocol, bool Traces, int? OtlpExportInterval = null)
{
    public const string DefaultServiceName = "webhooks-modular";
    public const string DefaultPrometheusPath = "/metrics";

    private static readonly string[] Known = ["serviceName", "prometheusPath", "otlpEndpoint", "otlpProtocol", "otlpExportIntervalMilliseconds", "traces"];

    /// <summary>Reads and checks the settings; the error names the offending key.</summary>
    public static TelemetryOptions FromSettings(PluginContext context)
    {
        foreach (var child in context.Settings.GetChildren())
        {
            if (!Known.Contains(child.Key, StringComparer.Ordinal))
            {
                throw context.Error(child.Key, $"unknown setting (expected {string.Join(", ", Known)})");
            }
        }

        var serviceName = context.Settings["serviceName"] ?? DefaultServiceName;
        if (string.IsNullOrWhiteSpace(serviceName))
        {
            throw context.Error("serviceName", "must not be blank");
        }

        // An empty path switches the scrape endpoint off (OTLP only).
        var path = context.Settings["prometheusPath"] ?? DefaultPrometheusPath;
        if (path.Length > 0 && !path.StartsWith('/'))
        {
            throw context.Error("prometheusPath", $"'{path}' must start with '/' (or be empty to switch the endpoint off)");
        }

        Uri? endpoint = null;
        if (context.Settings["otlpEndpoint"] is { Length: > 0 } configured
            && (!Uri.TryCreate(configured, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw context.Error("otlpEndpoint", $"'{configured}' is not an absolute http(s) URL (such as http://localhost:4317)");
        }

        var protocol = context.Settings["otlpProtocol"] ?? "grpc";
        if (protocol is not ("grpc" or "http/protobuf"))
        {
            throw context.Error("otlpProtocol", $"'{protocol}' is not grpc or http/protobuf");
        }

        var traces = true;
        if (context.Settings["traces"] is { } text && !bool.TryParse(text, out traces))
        {
            throw context.Error("traces", $"'{text}' is not true or false");
        }

        int? interval = null;
        if (context.Settings["otlpExportIntervalMilliseconds"] is { } intervalText)
        {
            if (!int.TryParse(intervalText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                || parsed < 100)
            {
                throw context.Error("otlpExportIntervalMilliseconds", $"'{intervalText}' is not a whole number of milliseconds, at least 100");
            }

            interval = parsed;
        }

        return new TelemetryOptions(serviceName, path.Length > 0 ? path : null, endpoint, protocol, traces, interval);
    }
}
