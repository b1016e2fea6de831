using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Webhooks.Modular.Auth.Builtin.Login;

/// <summary>
/// Writes a JSON answer with <see cref="Utf8JsonWriter"/>: no reflection over the plugin's types (it lives in a
/// collectible load context) and no synchronous writes to the response.
/// </summary>
internal static class JsonAnswer
{
    public static async Task WriteAsync(HttpResponse response, int statusCode, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = buffer.WrittenCount;

        // An answer that may carry a token must not be kept by any cache (RFC 6749, 5.1); errors follow suit.
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        await response.Body.WriteAsync(buffer.WrittenMemory, cancellationToken);
    }

    public static Task ErrorAsync(HttpResponse response, int statusCode, string code, string message, CancellationToken cancellationToken) =>
        WriteAsync(
            response,
            statusCode,
            writer =>
            {
                writer.WriteString("code", code);
                writer.WriteString("message", message);
            },
            cancellationToken);
}
