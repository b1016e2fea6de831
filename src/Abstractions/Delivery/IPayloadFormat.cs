namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>
/// Renders an event into a destination's body, once, when the delivery is created: every attempt sends the same
/// bytes. The engine has <c>standard</c> (<c>{"type","timestamp","data"}</c>) and <c>raw</c> (the payload as is);
/// surfaces add their own (Danube's envelope, Dograh's payload templates).
/// </summary>
public interface IPayloadFormat
{
    /// <summary>The name destinations use in <see cref="DestinationRecord.Format"/>.</summary>
    string Name { get; }

    /// <summary>The body for this destination, or <c>null</c> when this event is not for it after all.</summary>
    /// <param name="destination">The destination.</param>
    /// <param name="context">The event.</param>
    RenderedPayload? Render(DestinationRecord destination, PayloadContext context);
}
