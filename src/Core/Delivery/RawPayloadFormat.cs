using System.Text;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>The event's payload as it is, for receivers that want nothing around it.</summary>
internal sealed class RawPayloadFormat : IPayloadFormat
{
    public string Name => "raw";

    public RenderedPayload? Render(DestinationRecord destination, PayloadContext context) =>
        new(Encoding.UTF8.GetBytes(context.PayloadJson), "application/json");
}
