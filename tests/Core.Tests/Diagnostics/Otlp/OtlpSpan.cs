using System.Diagnostics;

namespace Webhooks.Modular.Core.Tests.Diagnostics.Otlp;

/// <summary>A span from an OTLP <c>ExportTraceServiceRequest</c> body, with its resource's and scope's names.</summary>
internal sealed record OtlpSpan(
    string? ServiceName,
    string? Scope,
    ActivityTraceId TraceId,
    ActivitySpanId SpanId,
    ActivitySpanId ParentSpanId,
    string Name,
    IReadOnlyDictionary<string, object?> Attributes)
{
    /// <summary>
    /// Reads every span: request.resource_spans (1) -> resource (1).attributes (1) and scope_spans (2) -> scope (1).name (1),
    /// spans (2) -> trace_id 1, span_id 2, parent_span_id 4, name 5, attributes 9.
    /// </summary>
    public static IEnumerable<OtlpSpan> Read(byte[] body)
    {
        foreach (var resourceSpans in ProtoMessage.Parse(body).Messages(1))
        {
            var resource = OtlpAttributes.Read(resourceSpans.Message(1)?.Messages(1) ?? []);
            var service = resource.GetValueOrDefault("service.name") as string;
            foreach (var scopeSpans in resourceSpans.Messages(2))
            {
                var scope = scopeSpans.Message(1)?.String(1);
                foreach (var span in scopeSpans.Messages(2))
                {
                    var parent = span.Bytes(4);
                    yield return new OtlpSpan(
                        service,
                        scope,
                        ActivityTraceId.CreateFromBytes(span.Bytes(1) ?? throw new FormatException("a span without trace_id")),
                        ActivitySpanId.CreateFromBytes(span.Bytes(2) ?? throw new FormatException("a span without span_id")),
                        parent is { Length: 8 } ? ActivitySpanId.CreateFromBytes(parent) : default,
                        span.String(5) ?? throw new FormatException("a span without name"),
                        OtlpAttributes.Read(span.Messages(9)));
                }
            }
        }
    }
}
