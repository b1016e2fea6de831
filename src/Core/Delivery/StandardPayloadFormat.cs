using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Core.Delivery;

/// <summary>The default body, the shape Standard Webhooks recommends: <c>{"type","timestamp","data"}</c>.</summary>
internal sealed class StandardPayloadFormat : IPayloadFormat
{
    public string Name => "standard";

    public RenderedPayload? Render(DestinationRecord destination, PayloadContext context) =>
        new(Envelope("type", context), "application/json");

    /// <summary>Writes <c>{"&lt;typeKey&gt;": type, "timestamp": ISO-8601, "data": payload}</c>, the payload copied verbatim.</summary>
    internal static byte[] Envelope(string typeKey, PayloadContext context)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(typeKey, context.EventType);
            writer.WriteString("timestamp", context.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WritePropertyName("data");
            writer.WriteRawValue(context.PayloadJson, skipInputValidation: false);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
