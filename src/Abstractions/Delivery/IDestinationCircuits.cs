namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>The delivery worker's circuit breakers, as this host sees them (they live in its memory).</summary>
public interface IDestinationCircuits
{
    /// <summary>The circuit of one destination; closed when it has none.</summary>
    /// <param name="destinationId">The destination.</param>
    DestinationCircuit Get(string destinationId);
}
