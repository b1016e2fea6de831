using System.Buffers;
using System.Text;
using System.Text.Json;
using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Storage.Common.Json;

/// <summary>
/// The JSON columns of the <c>destinations</c> table, written by hand with Utf8JsonWriter (no reflection, stable
/// property names); every storage plugin writes the same JSON, times inside it as unix milliseconds.
/// </summary>
public static class DestinationJson
{
    /// <summary>Secrets as <c>[{"protected": "...", "expiresAt": 1700000000000 | null}]</c>.</summary>
    /// <param name="secrets">The encrypted secrets, newest first.</param>
    public static string WriteSecrets(IReadOnlyList<DestinationSecret> secrets) => Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var secret in secrets)
        {
            writer.WriteStartObject();
            writer.WriteString("protected", secret.Protected);
            if (secret.ExpiresAt is { } expiresAt)
            {
                writer.WriteNumber("expiresAt", expiresAt.ToUnixTimeMilliseconds());
            }
            else
            {
                writer.WriteNull("expiresAt");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary>Reads what <see cref="WriteSecrets"/> wrote, in the same order.</summary>
    /// <param name="json">The stored JSON.</param>
    public static IReadOnlyList<DestinationSecret> ReadSecrets(string json)
    {
        using var document = JsonDocument.Parse(json);
        var secrets = new List<DestinationSecret>(document.RootElement.GetArrayLength());
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var expiresAt = item.TryGetProperty("expiresAt", out var value) && value.ValueKind == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds(value.GetInt64())
                : (DateTimeOffset?)null;
            secrets.Add(new DestinationSecret(item.GetProperty("protected").GetString() ?? string.Empty, expiresAt));
        }

        return secrets;
    }

    /// <summary>Headers as a JSON object of strings.</summary>
    /// <param name="headers">The headers.</param>
    public static string WriteHeaders(IReadOnlyDictionary<string, string> headers) => Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var (name, value) in headers)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    });

    /// <summary>Reads what <see cref="WriteHeaders"/> wrote, into a case-insensitive dictionary (HTTP header names are).</summary>
    /// <param name="json">The stored JSON.</param>
    public static IReadOnlyDictionary<string, string> ReadHeaders(string json)
    {
        using var document = JsonDocument.Parse(json);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            headers[property.Name] = property.Value.GetString() ?? string.Empty;
        }

        return headers;
    }

    /// <summary>A retry policy as <c>{"kind", "maxRetries", "delaySeconds", "scheduleSeconds": [..] | null}</c>.</summary>
    /// <param name="retry">The policy.</param>
    public static string WriteRetry(RetryPolicy retry) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("kind", retry.Kind);
        writer.WriteNumber("maxRetries", retry.MaxRetries);
        writer.WriteNumber("delaySeconds", retry.DelaySeconds);
        if (retry.ScheduleSeconds is { } schedule)
        {
            writer.WriteStartArray("scheduleSeconds");
            foreach (var seconds in schedule)
            {
                writer.WriteNumberValue(seconds);
            }

            writer.WriteEndArray();
        }
        else
        {
            writer.WriteNull("scheduleSeconds");
        }

        writer.WriteEndObject();
    });

    /// <summary>Reads what <see cref="WriteRetry"/> wrote.</summary>
    /// <param name="json">The stored JSON.</param>
    public static RetryPolicy ReadRetry(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        int[]? schedule = null;
        if (root.TryGetProperty("scheduleSeconds", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            schedule = array.EnumerateArray().Select(item => item.GetInt32()).ToArray();
        }

        return new RetryPolicy(
            root.GetProperty("kind").GetString() ?? string.Empty,
            root.GetProperty("maxRetries").GetInt32(),
            root.GetProperty("delaySeconds").GetInt32(),
            schedule);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
