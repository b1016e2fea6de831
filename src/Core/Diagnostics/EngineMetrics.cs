using System.Diagnostics.Metrics;

namespace Webhooks.Modular.Core.Diagnostics;

/// <summary>
/// Every instrument the engine reports, in one place, on the meter <see cref="MeterName"/>. Core has no exporter: the
/// instruments cost a branch until a listener (the telemetry plugin, a test) enables them. Plugins that report their
/// own instruments (the SQLite writer) create a meter with the same name, which exporters pick up with these.
/// Names follow the OpenTelemetry semantic conventions' style; durations are in seconds.
/// </summary>
internal static class EngineMetrics
{
    /// <summary>The meter's (and the activity source's) name.</summary>
    public const string MeterName = "Webhooks.Modular";

    // Static so that every host in a process (tests start several) shares one meter per name, as listeners expect.
    private static readonly Meter Meter = new(MeterName);

    /// <summary>Inbound requests by <c>webhooks.hook</c> and <c>webhooks.outcome</c> (the receive status, such as accepted, unauthorized).</summary>
    public static readonly Counter<long> Received = Meter.CreateCounter<long>(
        "webhooks.received", "{request}", "Inbound webhook requests, by hook and outcome.");

    /// <summary>Time from the request reaching the pipeline to its outcome (the commit included), by hook and outcome.</summary>
    public static readonly Histogram<double> AcceptDuration = Meter.CreateHistogram<double>(
        "webhooks.accept.duration", "s", "Time to answer an inbound webhook request (storage commit included), by hook and outcome.");

    /// <summary>Requests answered 429 because the client failed authentication too often, by hook.</summary>
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(
        "webhooks.rate_limited", "{request}", "Inbound requests refused with 429 (too many failed authentications from the client), by hook.");

    /// <summary>Runs claimed by a worker (each attempt), by hook.</summary>
    public static readonly Counter<long> RunsStarted = Meter.CreateCounter<long>(
        "webhooks.runs.started", "{run}", "Run attempts started by a worker, by hook.");

    /// <summary>Runs whose completion was recorded, by hook and outcome (succeeded, failed).</summary>
    public static readonly Counter<long> RunsFinished = Meter.CreateCounter<long>(
        "webhooks.runs.finished", "{run}", "Run attempts finished and recorded, by hook and outcome.");

    /// <summary>How long a run's action took, by hook and outcome.</summary>
    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>(
        "webhooks.run.duration", "s", "Duration of a run attempt's action, by hook and outcome.");

    /// <summary>Delivery attempts recorded, by destination and outcome (succeeded, retrying, failed).</summary>
    public static readonly Counter<long> DeliveryAttempts = Meter.CreateCounter<long>(
        "webhooks.delivery.attempts", "{attempt}", "Outbound delivery attempts, by destination and outcome.");

    /// <summary>How long a delivery attempt's send took, by destination and outcome.</summary>
    public static readonly Histogram<double> DeliveryDuration = Meter.CreateHistogram<double>(
        "webhooks.delivery.duration", "s", "Duration of an outbound delivery attempt, by destination and outcome.");

    /// <summary>Deliveries that failed for good (dead letters), by destination.</summary>
    public static readonly Counter<long> DeadLetters = Meter.CreateCounter<long>(
        "webhooks.delivery.dead_letters", "{delivery}", "Deliveries that failed for good and became dead letters, by destination.");

    /// <summary>Delivery attempts not made because the destination's circuit is open, by destination.</summary>
    public static readonly Counter<long> CircuitRejected = Meter.CreateCounter<long>(
        "webhooks.delivery.circuit_open", "{attempt}", "Delivery attempts postponed because the destination's circuit breaker is open, by destination.");

    /// <summary>Rows deleted by retention and housekeeping, by <c>webhooks.kind</c> (events, runs, deliveries, idempotency_keys).</summary>
    public static readonly Counter<long> Purged = Meter.CreateCounter<long>(
        "webhooks.retention.purged", "{row}", "Stored rows deleted because their retention window passed, by kind (events, runs, deliveries, idempotency_keys).");

    /// <summary>
    /// The store backlog's gauges, each reading its callback at each collection: queued runs by hook, pending
    /// deliveries by destination, and the age of the oldest of each. Per host, like <see cref="ObserveCircuits"/>.
    /// </summary>
    public static IDisposable ObserveBacklog(
        Func<IEnumerable<Measurement<long>>> queuedRuns,
        Func<IEnumerable<Measurement<double>>> oldestQueuedRunAge,
        Func<IEnumerable<Measurement<long>>> pendingDeliveries,
        Func<IEnumerable<Measurement<double>>> oldestPendingDeliveryAge)
    {
        var meter = new Meter(MeterName);
        meter.CreateObservableGauge(
            "webhooks.runs.queued", queuedRuns, "{run}", "Runs waiting in the queue (a retry's back-off included), by hook.");
        meter.CreateObservableGauge(
            "webhooks.runs.queued.oldest_age", oldestQueuedRunAge, "s", "Age of the oldest queued run, by hook.");
        meter.CreateObservableGauge(
            "webhooks.outbox.pending", pendingDeliveries, "{delivery}", "Outbox deliveries not yet delivered nor failed for good, by destination.");
        meter.CreateObservableGauge(
            "webhooks.outbox.pending.oldest_age", oldestPendingDeliveryAge, "s", "Age of the oldest pending outbox delivery, by destination.");
        return meter;
    }

    /// <summary>
    /// The circuit breakers' state gauge (0 closed, 1 open, 2 half-open), reading <paramref name="states"/> at each
    /// collection. The breaker lives per host (a process may run several), so the gauge gets a meter of its own, of the
    /// same name, which its owner disposes with itself.
    /// </summary>
    public static IDisposable ObserveCircuits(Func<IEnumerable<Measurement<int>>> states)
    {
        var meter = new Meter(MeterName);
        meter.CreateObservableGauge(
            "webhooks.delivery.circuit.state", states, "{state}", "Circuit breaker state per destination: 0 closed, 1 open, 2 half-open (a trial in flight).");
        return meter;
    }
}
