namespace Webhooks.Modular.Core.Tests.Diagnostics.Otlp;

/// <summary>
/// A sum's or a histogram's data point from an OTLP <c>ExportMetricsServiceRequest</c> body: the metric, its attributes,
/// and the sum's value or the histogram's count.
/// </summary>
internal sealed record OtlpDataPoint(string? ServiceName, string? Scope, string Metric, IReadOnlyDictionary<string, object?> Attributes, double Value)
{
    /// <summary>
    /// Reads request.resource_metrics (1) -> resource (1), scope_metrics (2) -> scope (1), metrics (2) -> name 1, sum 7 or
    /// histogram 9 -> data_points 1 (a number point: as_double 4, as_int 6, attributes 7; a histogram point: count 4,
    /// attributes 9).
    /// </summary>
    public static IEnumerable<OtlpDataPoint> Read(byte[] body)
    {
        foreach (var resourceMetrics in ProtoMessage.Parse(body).Messages(1))
        {
            var resource = OtlpAttributes.Read(resourceMetrics.Message(1)?.Messages(1) ?? []);
            var service = resource.GetValueOrDefault("service.name") as string;
            foreach (var scopeMetrics in resourceMetrics.Messages(2))
            {
                var scope = scopeMetrics.Message(1)?.String(1);
                foreach (var metric in scopeMetrics.Messages(2))
                {
                    var name = metric.String(1) ?? throw new FormatException("a metric without name");
                    foreach (var point in metric.Message(7)?.Messages(1) ?? [])
                    {
                        var value = point.Number(6) is { } integer ? (long)integer
                            : point.Number(4) is { } real ? BitConverter.UInt64BitsToDouble(real)
                            : throw new FormatException($"{name}: a number point without a value");
                        yield return new OtlpDataPoint(service, scope, name, OtlpAttributes.Read(point.Messages(7)), value);
                    }

                    foreach (var point in metric.Message(9)?.Messages(1) ?? [])
                    {
                        yield return new OtlpDataPoint(service, scope, name, OtlpAttributes.Read(point.Messages(9)), point.Number(4) ?? 0);
                    }
                }
            }
        }
    }
}
