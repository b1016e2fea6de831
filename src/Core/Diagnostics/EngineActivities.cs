using System.Diagnostics;

namespace Webhooks.Modular.Core.Diagnostics;

/// <summary>
/// The engine's spans, one trace per webhook: <c>webhooks.receive</c> (continuing an incoming <c>traceparent</c>) with
/// <c>webhooks.storage.commit</c> inside it; later, in the workers, <c>webhooks.run</c> and each
/// <c>webhooks.delivery.attempt</c>, parented to the receipt through the <c>traceparent</c> stored with the event.
/// Nothing is recorded unless a listener (the telemetry plugin, a test) samples the source.
/// </summary>
internal static class EngineActivities
{
    public static readonly ActivitySource Source = new(EngineMetrics.MeterName);

    public const string Receive = "webhooks.receive";
    public const string Commit = "webhooks.storage.commit";
    public const string Run = "webhooks.run";
    public const string DeliveryAttempt = "webhooks.delivery.attempt";

    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    /// <summary>
    /// The context named by a <c>traceparent</c> (and <c>tracestate</c>) header in <paramref name="headers"/>, if a valid one
    /// is there. Header names are compared without regard to case: stored headers keep the sender's spelling.
    /// </summary>
    public static ActivityContext ParentFrom(IReadOnlyDictionary<string, string[]> headers)
    {
        string? parent = null;
        string? state = null;
        foreach (var (name, values) in headers)
        {
            if (values.Length == 0)
            {
                continue;
            }

            if (string.Equals(name, TraceParentHeader, StringComparison.OrdinalIgnoreCase))
            {
                parent = values[0];
            }
            else if (string.Equals(name, TraceStateHeader, StringComparison.OrdinalIgnoreCase))
            {
                state = values[0];
            }
        }

        return parent is not null && ActivityContext.TryParse(parent, state, isRemote: true, out var context) ? context : default;
    }

    /// <summary>
    /// <paramref name="headers"/> with <c>traceparent</c> naming <paramref name="activity"/> (any sent one replaced: it
    /// has the same trace id, the receipt continues it), so that the workers' spans, which read the stored event, join
    /// the receipt's trace. Called only while the receipt is being recorded.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> WithTraceParent(IReadOnlyDictionary<string, string[]> headers, Activity activity)
    {
        var copy = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in headers)
        {
            if (!string.Equals(name, TraceParentHeader, StringComparison.OrdinalIgnoreCase))
            {
                copy[name] = values;
            }
        }

        copy[TraceParentHeader] = [activity.Id!];
        return copy;
    }
}
