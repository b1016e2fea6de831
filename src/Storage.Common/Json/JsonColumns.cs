using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Webhooks.Modular.Storage.Common.Json;

/// <summary>
/// The JSON stored in the events and idempotency_keys tables, written by hand with Utf8JsonWriter so that it
/// needs no reflection and keeps header names exactly as received.
/// </summary>
public static class JsonColumns
{
    /// <summary>Headers or query parameters as a JSON object of string arrays.</summary>
    /// <param name="values">The values by name.</param>
    public static string WriteValues(IReadOnlyDictionary<string, string[]> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, list) in values)
            {
                writer.WriteStartArray(name);
                foreach (var value in list)
                {
                    writer.WriteStringValue(value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads what <see cref="WriteValues"/> wrote, into a case-insensitive dictionary (HTTP header names are
    /// case-insensitive). Names that differ only in case are merged, keeping every value.
    /// </summary>
    /// <param name="json">The stored JSON.</param>
    public static IReadOnlyDictionary<string, string[]> ReadValues(string json)
    {
        var values = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var list = ReadStrings(property.Value);
            values[property.Name] = values.TryGetValue(property.Name, out var earlier) ? [.. earlier, .. list] : list;
        }

        return values;
    }

    /// <summary>A list of strings (run ids) as a JSON array.</summary>
    /// <param name="strings">The strings.</param>
    public static string WriteStrings(IEnumerable<string> strings)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in strings)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads what <see cref="WriteStrings"/> wrote.</summary>
    /// <param name="json">The stored JSON.</param>
    public static string[] ReadStrings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ReadStrings(document.RootElement);
    }

    private static string[] ReadStrings(JsonElement array)
    {
        var list = new string[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            list[i++] = item.GetString() ?? string.Empty;
        }

        return list;
    }
}
