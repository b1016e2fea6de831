using System.Net;
using System.Text.Json;

namespace Webhooks.Modular.Abstractions.Inbound;

/// <summary>
/// One inbound request as the pipeline sees it once its body is read: the exact body bytes (so signature
/// schemes verify what the sender signed), headers, query, route values, method and remote address.
/// </summary>
public sealed class WebhookRequest
{
    private JsonDocument? _json;
    private bool _jsonParsed;

    /// <summary>The id of this inbound request; every event, run and delivery it causes carries it.</summary>
    public required string RequestId { get; init; }

    /// <summary>The name of the hook the request was addressed to.</summary>
    public required string HookName { get; init; }

    /// <summary>The HTTP method, upper case.</summary>
    public required string Method { get; init; }

    /// <summary>The request path.</summary>
    public string Path { get; init; } = "/";

    /// <summary>Request headers; names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string[]> Headers { get; init; } = EmptyValues;

    /// <summary>Query parameters.</summary>
    public IReadOnlyDictionary<string, string[]> Query { get; init; } = EmptyValues;

    /// <summary>Route values captured by the API surface (such as a URL key).</summary>
    public IReadOnlyDictionary<string, string> RouteValues { get; init; } = new Dictionary<string, string>();

    /// <summary>The remote address of the connection, when known.</summary>
    public IPAddress? RemoteAddress { get; init; }

    /// <summary>The raw body bytes, exactly as received.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The first value of a header, or <c>null</c>.</summary>
    /// <param name="name">The header name (any case).</param>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;

    /// <summary>The first value of a query parameter, or <c>null</c>.</summary>
    /// <param name="name">The parameter name.</param>
    public string? QueryValue(string name) => Query.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;

    /// <summary>The body parsed as JSON, or <c>null</c> when it is empty or not valid JSON. Parsed once.</summary>
    public JsonElement? Json
    {
        get
        {
            if (!_jsonParsed)
            {
                _jsonParsed = true;
                if (!Body.IsEmpty)
                {
                    try
                    {
                        _json = JsonDocument.Parse(Body);
                    }
                    catch (JsonException)
                    {
                        _json = null;
                    }
                }
            }

            return _json?.RootElement;
        }
    }

    /// <summary>An empty, case-insensitive header or query map.</summary>
    public static IReadOnlyDictionary<string, string[]> EmptyValues { get; } =
        new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
}
