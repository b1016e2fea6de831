using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Inbound;

namespace Webhooks.Modular.Surfaces.Kestra.Trigger;

/// <summary>
/// The webhook trigger's variables, as Kestra gives them to a flow (<c>trigger.body</c>, <c>trigger.headers</c>,
/// <c>trigger.parameters</c>) and this surface stores them as the run's input:
/// <c>{"body": …, "headers": {"Name": ["value"]}, "parameters": {"name": ["value"]}}</c>.
/// </summary>
internal static class TriggerVariables
{
    public const string Redacted = "[redacted]";

    /// <summary>Headers that carry the caller's credentials whatever the flow: stored and shown as <c>[redacted]</c>, as the engine stores events.</summary>
    public static readonly IReadOnlyCollection<string> RedactedHeaders = ["Authorization", "Proxy-Authorization", "Cookie", "X-API-Key"];

    private static readonly JsonWriterOptions Writer = new()
    {
        // Read by people, scripts (jq) and templates, not embedded in HTML: keep quotes, '<' and non-ASCII text as sent.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// The variables of a request as JSON. The body is the parsed JSON when it is an object or an array, else the
    /// raw text (invalid UTF-8 replaced), or <c>null</c> when there is none.
    /// </summary>
    /// <param name="request">The request, body read.</param>
    public static string ToJson(WebhookRequest request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            json.WritePropertyName("body");
            if (request.Json is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } parsed)
            {
                // The body's own bytes: its text as sent (emoji unescaped), and strings a writer would refuse (an
                // escaped lone surrogate) still pass.
                json.WriteRawValue(JsonMarshal.GetRawUtf8Value(parsed), skipInputValidation: true);
            }
            else if (!request.Body.IsEmpty)
            {
                json.WriteStringValue(LenientUtf8.GetString(request.Body.Span));
            }
            else
            {
                json.WriteNullValue();
            }

            WriteValues(json, "headers", request.Headers, redact: true);
            WriteValues(json, "parameters", request.Query, redact: false);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteValues(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string[]> values, bool redact)
    {
        json.WriteStartObject(name);
        foreach (var (key, list) in values)
        {
            json.WriteStartArray(key);
            if (redact && RedactedHeaders.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                json.WriteStringValue(Redacted);
            }
            else
            {
                foreach (var value in list)
                {
                    json.WriteStringValue(value);
                }
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
