using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Webhooks.Modular.Abstractions.Inbound;

/// <summary>
/// Reads an <c>application/x-www-form-urlencoded</c> body (Slack slash commands and interactivity, GitHub's form
/// content type) into its fields, and shapes them as the JSON object conditions and actions see.
/// </summary>
internal static class FormBody
{
    /// <summary>The field Slack's interactivity and GitHub's form content type put their JSON event in.</summary>
    public const string PayloadField = "payload";

    private const string MediaType = "application/x-www-form-urlencoded";

    // The embedded payload sits one level down in the object; keep the whole within System.Text.Json's default of 64.
    private static readonly JsonDocumentOptions PayloadOptions = new() { MaxDepth = 63 };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Read by people, scripts (jq) and templates, not embedded in HTML: keep quotes, '<' and non-ASCII text as sent.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    /// <summary>
    /// The fields in the order they first appear, each with all its values; <c>null</c> when the request does not say
    /// it is form-encoded, or when its body is JSON all the same (a mislabelled JSON body is read as JSON, as before).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string[]>>? Read(string? contentType, ReadOnlyMemory<byte> body)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || !string.Equals(parsed.MediaType.Value, MediaType, StringComparison.OrdinalIgnoreCase)
            || StartsLikeJson(body.Span))
        {
            return null;
        }

        var order = new List<string>();
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in new QueryStringEnumerable(LenientUtf8.GetString(body.Span)))
        {
            // Decodes '+' as a space and %XX as UTF-8, as the form encoding defines.
            var name = pair.DecodeName().ToString();
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
                order.Add(name);
            }

            list.Add(pair.DecodeValue().ToString());
        }

        return order.Select(name => KeyValuePair.Create(name, values[name].ToArray())).ToArray();
    }

    /// <summary>
    /// The fields as a JSON object: a field sent once is a string, a repeated one an array of strings, and a
    /// <c>payload</c> field whose value is a JSON object or array is that value, parsed.
    /// </summary>
    public static JsonDocument ToJson(IReadOnlyList<KeyValuePair<string, string[]>> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, values) in fields)
            {
                writer.WritePropertyName(name);
                if (values.Length == 1 && name == PayloadField && ParsePayload(values[0]) is { } payload)
                {
                    using (payload)
                    {
                        // The payload's own bytes: its text as sent, and strings a writer would refuse (an escaped
                        // lone surrogate) still pass.
                        writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(payload.RootElement), skipInputValidation: true);
                    }
                }
                else if (values.Length == 1)
                {
                    writer.WriteStringValue(values[0]);
                }
                else
                {
                    writer.WriteStartArray();
                    foreach (var value in values)
                    {
                        writer.WriteStringValue(value);
                    }

                    writer.WriteEndArray();
                }
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    private static JsonDocument? ParsePayload(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] is not ('{' or '['))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(text, PayloadOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A form body never starts with '{' or '[' (a browser or library encodes them), a JSON object or array always does.</summary>
    private static bool StartsLikeJson(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] is (byte)'{' or (byte)'[';
    }
}
