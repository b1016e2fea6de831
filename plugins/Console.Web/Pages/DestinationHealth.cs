using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Console.Web.Pages;

/// <summary>A destination with its health: last success and this host's circuit.</summary>
/// <param name="Destination">The destination (its secrets are never shown).</param>
/// <param name="LastSuccessAt">When its latest successful delivery completed.</param>
/// <param name="Circuit">Its circuit breaker on this host, when known.</param>
public sealed record DestinationHealth(DestinationRecord Destination, DateTimeOffset? LastSuccessAt, DestinationCircuit? Circuit)
{
    /// <summary><c>healthy</c>, <c>failing</c> or <c>disabled</c>, as the management API spells it.</summary>
    public string Health => !Destination.IsActive ? "disabled" : Destination.FailingSince is null ? "healthy" : "failing";
}
