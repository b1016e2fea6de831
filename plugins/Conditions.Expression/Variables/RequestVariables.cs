using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Conditions.Expression.Variables;

/// <summary>
/// The variables an expression sees for an inbound request, shaped as Kestra's webhook trigger shapes them:
/// <code>
/// { "trigger": { "body": ..., "headers": { "name": ["value", ...] }, "parameters": { "name": ["value", ...] } },
///   "body": ... }
/// </code>
/// <c>body</c> is the body parsed as JSON when it is an object or an array, otherwise its text (null when empty);
/// the root <c>body</c> is the same value, so generic hooks can write <c>body.action</c>.
/// </summary>
public static class RequestVariables
{
    // The body may itself be nested as deep as the request parser allows (64); it sits two levels down here.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 128 };

    // One root per request, shared by all of a hook's expression conditions, dropped with the request.
    private static readonly ConditionalWeakTable<WebhookRequest, StrongBox<JsonElement>> Cache = new();

    /// <summary>Builds the variables of a request. The element needs no disposing.</summary>
    /// <param name="request">The request.</param>
    public static JsonElement Create(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(request.Body.Length * 2 + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("trigger");
            writer.WritePropertyName("body");
            WriteBody(writer, request);
            WriteValues(writer, "headers", request.Headers);
            WriteValues(writer, "parameters", request.Query);
            writer.WriteEndObject();
            writer.WritePropertyName("body");
            WriteBody(writer, request);
            writer.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan, ReaderOptions);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>The variables of a request, built once per request however many conditions ask.</summary>
    /// <param name="request">The request.</param>
    internal static JsonElement For(WebhookRequest request) =>
        Cache.GetValue(request, static r => new StrongBox<JsonElement>(Create(r))).Value;

    private static void WriteBody(Utf8JsonWriter writer, WebhookRequest request)
    {
        if (request.Json is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } json)
        {
            // The parsed body's own bytes, so strings the writer would refuse (an escaped lone surrogate) still pass.
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(json), skipInputValidation: true);
        }
        else if (request.Body.IsEmpty)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(Encoding.UTF8.GetString(request.Body.Span));
        }
    }

    private static void WriteValues(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string[]> values)
    {
        writer.WriteStartObject(name);
        foreach (var (key, list) in values)
        {
            writer.WriteStartArray(key);
            foreach (var value in list)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
