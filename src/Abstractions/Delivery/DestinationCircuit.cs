namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>A destination's circuit breaker.</summary>
/// <param name="State"><c>closed</c> (attempts flow), <c>open</c> (none until <paramref name="OpenUntil"/>), or <c>half-open</c> (one trial attempt in flight).</param>
/// <param name="OpenUntil">When an open circuit lets a trial through, if open.</param>
/// <param name="Failures">Failures in a row so far.</param>
public sealed record DestinationCircuit(string State, DateTimeOffset? OpenUntil, int Failures);
