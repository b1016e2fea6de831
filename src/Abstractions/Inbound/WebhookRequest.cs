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
    private IReadOnlyList<KeyValuePair<string, string[]>>? _form;
    private bool _formParsed;

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

    /// <summary>
    /// The body as JSON, or <c>null</c> when it is empty or not valid JSON. A JSON body is parsed as sent; a body sent
    /// as <c>application/x-www-form-urlencoded</c> (see <see cref="Form"/>) is an object of its fields: a field sent
    /// once is a string, a repeated field an array of strings, and a <c>payload</c> field that holds a JSON object
    /// or array (Slack's interactivity, GitHub's form content type) is that JSON, parsed. Built once.
    /// </summary>
    public JsonElement? Json
    {
        get
        {
            if (!_jsonParsed)
            {
                _jsonParsed = true;
                if (Form is { } form)
                {
                    _json = FormBody.ToJson(form);
                }
                else if (!Body.IsEmpty)
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

    /// <summary>
    /// The fields of a body sent as <c>application/x-www-form-urlencoded</c>, in the order they first appear, each with
    /// all its values (names compare exactly); <c>null</c> for any other content type, or when the body is a JSON
    /// object or array despite its content type. <see cref="Body"/> stays the bytes as received. Read once.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string[]>>? Form
    {
        get
        {
            if (!_formParsed)
            {
                _formParsed = true;
                _form = FormBody.Read(Header("Content-Type"), Body);
            }

            return _form;
        }
    }

    /// <summary>An empty, case-insensitive header or query map.</summary>
    public static IReadOnlyDictionary<string, string[]> EmptyValues { get; } =
        new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
}
