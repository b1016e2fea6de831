using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Surfaces.Danube.Events;

/// <summary>
/// Danube's envelope, the <c>danube</c> payload format: <c>{"event": type, "timestamp": ISO-8601 UTC of the event,
/// "data": the event's payload}</c>, the payload copied as it was published.
/// </summary>
internal sealed class DanubePayloadFormat : IPayloadFormat
{
    public const string ContentType = "application/json";

    public string Name => DanubeDefaults.Format;

    public RenderedPayload? Render(DestinationRecord destination, PayloadContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", context.EventType);
            writer.WriteString("timestamp", DanubeTimestamp.Format(context.OccurredAt));
            writer.WritePropertyName("data");
            writer.WriteRawValue(context.PayloadJson, skipInputValidation: false);
            writer.WriteEndObject();
        }

        return new RenderedPayload(buffer.ToArray(), ContentType);
    }
}
