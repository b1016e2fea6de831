using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>Builds an outbound delivery channel (HTTP, a broker) for one destination from its settings.</summary>
public interface IOutboundDeliveryFactory
{
    /// <summary>The channel type destinations use, such as <c>http</c>.</summary>
    string Type { get; }

    /// <summary>Validates the settings and builds the channel; throws a configuration error naming the key.</summary>
    /// <param name="settings">The destination's settings.</param>
    IOutboundDelivery Create(ComponentSettings settings);
}
