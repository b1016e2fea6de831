using System.Diagnostics.Metrics;

namespace Webhooks.Modular.Bus.Nats.Diagnostics;

/// <summary>
/// The bus's instruments, on the engine's meter name (<c>Webhooks.Modular</c>) so that the telemetry plugin exports
/// them with the engine's.
/// </summary>
internal static class BusMetrics
{
    private static readonly Meter Meter = new("Webhooks.Modular");

    /// <summary>Events published to JetStream by <c>webhooks.bus.outcome</c> (relayed, duplicate, skipped).</summary>
    public static readonly Counter<long> Relayed = Meter.CreateCounter<long>(
        "webhooks.bus.relayed", unit: "{event}", description: "Events the relay published to NATS JetStream");

    /// <summary>Messages the consumer took from NATS by <c>webhooks.bus.outcome</c> (started, known, rejected).</summary>
    public static readonly Counter<long> Consumed = Meter.CreateCounter<long>(
        "webhooks.bus.consumed", unit: "{message}", description: "Messages the NATS consumer took");

    private static readonly List<Func<double>> LagSources = [];

    static BusMetrics() =>
        Meter.CreateObservableGauge(
            "webhooks.bus.relay.lag",
            () =>
            {
                lock (LagSources)
                {
                    return LagSources.Select(source => new Measurement<double>(source())).ToArray();
                }
            },
            unit: "s",
            description: "Age of the oldest committed event the relay has not published yet");

    /// <summary>Adds a relay's lag to the gauge until the returned handle is disposed.</summary>
    public static IDisposable ObserveLag(Func<double> lagSeconds)
    {
        lock (LagSources)
        {
            LagSources.Add(lagSeconds);
        }

        return new Unregister(lagSeconds);
    }

    private sealed class Unregister(Func<double> source) : IDisposable
    {
        public void Dispose()
        {
            lock (LagSources)
            {
                LagSources.Remove(source);
            }
        }
    }
}
