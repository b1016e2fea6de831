using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>
/// Per destination, in this worker's memory: after <see cref="DeliveryOptions.CircuitBreakerFailures"/> failures in a
/// row the circuit opens, and that destination's deliveries are not claimed until it has been open for
/// <see cref="DeliveryOptions.CircuitBreakerSeconds"/>; then one attempt is let through (half open): a success closes
/// it, a failure opens it again. A dead destination so costs one attempt per period, not one per delivery.
/// </summary>
internal sealed class CircuitBreaker : IDestinationCircuits, IDisposable
{
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);
    private readonly DeliveryOptions _options;
    private readonly IDisposable _gauge;

    public CircuitBreaker(DeliveryOptions options)
    {
        _options = options;
        _gauge = EngineMetrics.ObserveCircuits(Observe);
    }

    public void Dispose() => _gauge.Dispose();

    /// <summary>For the state gauge: 0 closed, 1 open (or waiting for its trial), 2 half open with the trial in flight.</summary>
    private IEnumerable<Measurement<int>> Observe()
    {
        foreach (var (destination, state) in _states)
        {
            int value;
            lock (state)
            {
                value = state.TrialInFlight ? 2 : state.OpenUntil is null ? 0 : 1;
            }

            yield return new Measurement<int>(value, new KeyValuePair<string, object?>("webhooks.destination", destination));
        }
    }

    /// <summary>The destinations whose circuit is open at <paramref name="now"/>, and those half open with their one trial in flight.</summary>
    public IEnumerable<string> Blocked(DateTimeOffset now) =>
        _states.Where(s => s.Value.OpenUntil is { } until && (until > now || s.Value.TrialInFlight)).Select(s => s.Key);

    /// <summary>When the circuit of <paramref name="destinationId"/> lets attempts through again, or <c>null</c> when it is closed.</summary>
    public DateTimeOffset? OpenUntil(string destinationId) => _states.TryGetValue(destinationId, out var s) ? s.OpenUntil : null;

    /// <summary>Takes the half-open trial when the circuit allows an attempt now; false when it must wait.</summary>
    public bool TryBegin(string destinationId, DateTimeOffset now)
    {
        var state = _states.GetOrAdd(destinationId, _ => new State());
        lock (state)
        {
            if (state.OpenUntil is not { } until)
            {
                return true;
            }

            if (until > now || state.TrialInFlight)
            {
                return false;
            }

            state.TrialInFlight = true;
            return true;
        }
    }

    public void Record(string destinationId, bool succeeded, DateTimeOffset now)
    {
        var state = _states.GetOrAdd(destinationId, _ => new State());
        lock (state)
        {
            state.TrialInFlight = false;
            if (succeeded)
            {
                state.Failures = 0;
                state.OpenUntil = null;
                return;
            }

            state.Failures++;
            if (state.OpenUntil is not null || state.Failures >= _options.CircuitBreakerFailures)
            {
                state.OpenUntil = now + TimeSpan.FromSeconds(_options.CircuitBreakerSeconds);
            }
        }
    }

    /// <inheritdoc />
    public DestinationCircuit Get(string destinationId)
    {
        if (!_states.TryGetValue(destinationId, out var state))
        {
            return new DestinationCircuit("closed", null, 0);
        }

        lock (state)
        {
            var name = state.TrialInFlight ? "half-open" : state.OpenUntil is null ? "closed" : "open";
            return new DestinationCircuit(name, state.OpenUntil, state.Failures);
        }
    }

    /// <summary>Forgets a destination's failures (it was re-enabled or changed).</summary>
    public void Reset(string destinationId) => _states.TryRemove(destinationId, out _);

    private sealed class State
    {
        public int Failures { get; set; }

        public DateTimeOffset? OpenUntil { get; set; }

        public bool TrialInFlight { get; set; }
    }
}
