using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Surfaces.Dograh.Workflows;

/// <summary>
/// Reads a workflow definition in Dograh's shape (<c>{"nodes":[...],"edges":[...]}</c>) and checks its
/// <c>type: "webhook"</c> nodes; other nodes and the edges are not read. Every problem is a
/// <see cref="PluginConfigurationException"/> naming the file, the node and the key, such as
/// <c>support.json: node 'webhook-1': 'data.endpoint_url': must be an absolute http(s) URL</c>.
/// </summary>
internal static class WorkflowDefinitionReader
{
    /// <summary>The methods a webhook node may use.</summary>
    public static IReadOnlyList<string> Methods { get; } = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Retries when <c>retry_config</c> is enabled without <c>max_retries</c>.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>The delay when <c>retry_config</c> is enabled without <c>retry_delay_seconds</c>.</summary>
    public const int DefaultRetryDelaySeconds = 5;

    /// <summary>The most retries a node may ask for (the engine's limit).</summary>
    public const int MaxRetries = 100;

    /// <summary>The longest delay between retries a node may ask for: a day.</summary>
    public const int MaxRetryDelaySeconds = 86_400;

    private const int MaxNodeIdLength = 100;

    /// <summary>Set by the channel from the request itself; a node cannot set them.</summary>
    private static readonly string[] ReservedHeaders = ["Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "TE", "Trailer", "Proxy-Connection"];

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 128,
    };

    /// <summary>Reads and checks a definition file.</summary>
    /// <param name="file">The file, absolute.</param>
    public static IReadOnlyList<WebhookNode> LoadFile(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PluginConfigurationException(file, "workflow", "(file)", $"cannot be read: {exception.Message}", exception);
        }

        return Parse(file, text);
    }

    /// <summary>Reads and checks a definition's text.</summary>
    /// <param name="file">The file, for messages.</param>
    /// <param name="text">Its JSON (comments and trailing commas allowed).</param>
    public static IReadOnlyList<WebhookNode> Parse(string file, string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: Options);
        }
        catch (JsonException exception)
        {
            throw new PluginConfigurationException(
                file, "workflow", $"line {(exception.LineNumber ?? 0) + 1}", $"invalid JSON: {FirstSentence(exception.Message)}", exception);
        }

        if (root is not JsonObject definition || definition["nodes"] is not JsonArray nodes)
        {
            throw new PluginConfigurationException(file, "workflow", "nodes", "a workflow definition is a JSON object with a 'nodes' array (and 'edges')");
        }

        var webhooks = new List<WebhookNode>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i] is not JsonObject node)
            {
                throw new PluginConfigurationException(file, $"nodes[{i}]", "(node)", "must be an object");
            }

            if (node["type"] is not JsonValue type || !type.TryGetValue<string>(out var kind) || kind != "webhook")
            {
                continue;
            }

            var id = NodeId(file, i, node["id"]);
            if (!ids.Add(id))
            {
                throw new PluginConfigurationException(file, $"node '{id}'", "id", "another webhook node has the same id");
            }

            webhooks.Add(new NodeReader(file, id).Read(node["data"]));
        }

        return webhooks;
    }

    private static string NodeId(string file, int index, JsonNode? value)
    {
        string? id = value is JsonValue scalar
            ? scalar.GetValueKind() switch
            {
                JsonValueKind.String => scalar.GetValue<string>(),
                JsonValueKind.Number when scalar.TryGetValue<long>(out var number) => number.ToString(CultureInfo.InvariantCulture),
                _ => null,
            }
            : null;
        if (id is null || id.Length is 0 or > MaxNodeIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new PluginConfigurationException(
                file, $"nodes[{index}]", "id", $"a webhook node needs an id of 1-{MaxNodeIdLength} letters, digits, '_', '-' or '.'");
        }

        return id;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    /// <summary>Reads one webhook node's <c>data</c>, naming the node in every error.</summary>
    private sealed class NodeReader(string file, string id)
    {
        public WebhookNode Read(JsonNode? data)
        {
            if (data is not JsonObject fields)
            {
                throw Error("data", "a webhook node needs a 'data' object with at least 'endpoint_url'");
            }

            var name = OptionalString(fields, "name") is { Length: > 0 } given && !string.IsNullOrWhiteSpace(given) ? given : id;
            var enabled = OptionalBool(fields, "enabled") ?? true;
            var method = Method(fields);
            var url = EndpointUrl(fields);
            var credential = Credential(fields);
            var headers = Headers(fields["custom_headers"]);
            var retry = Retry(fields["retry_config"]);
            var template = fields["payload_template"]?.DeepClone();
            return new WebhookNode(id, name, enabled, method, url, credential, headers, template, retry);
        }

        private string Method(JsonObject fields)
        {
            var method = OptionalString(fields, "http_method");
            if (method is null)
            {
                return "POST";
            }

            var upper = method.Trim().ToUpperInvariant();
            return Methods.Contains(upper, StringComparer.Ordinal)
                ? upper
                : throw Error("data.http_method", $"'{method}' is not one of {string.Join(", ", Methods)}");
        }

        private Uri EndpointUrl(JsonObject fields)
        {
            const string Key = "data.endpoint_url";
            var text = OptionalString(fields, "endpoint_url");
            if (string.IsNullOrWhiteSpace(text))
            {
                throw Error(Key, "is required: the absolute http(s) URL to send to");
            }

            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url)
                || url.Scheme is not ("http" or "https")
                || string.IsNullOrEmpty(url.Host))
            {
                throw Error(Key, $"must be an absolute http(s) URL, not '{text}'");
            }

            return url.UserInfo.Length > 0
                ? throw Error(Key, "must not carry a user name or password; store them as a BASIC_AUTH credential and name it in credential_uuid")
                : url;
        }

        private string? Credential(JsonObject fields)
        {
            var text = OptionalString(fields, "credential_uuid");
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            return Guid.TryParse(text.Trim(), out var uuid)
                ? uuid.ToString("D")
                : throw Error("data.credential_uuid", $"'{text}' is not a credential uuid");
        }

        private Dictionary<string, string> Headers(JsonNode? value)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            switch (value)
            {
                case null:
                    break;
                case JsonObject obj:
                    foreach (var (name, headerValue) in obj)
                    {
                        var key = $"data.custom_headers.{name}";
                        Add(headers, key, name, headerValue is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Error(key, "must be a string"));
                    }

                    break;
                case JsonArray list:
                    // Dograh's editor keeps headers as rows of {key, value}; a row left blank is no header.
                    for (var i = 0; i < list.Count; i++)
                    {
                        var key = $"data.custom_headers[{i}]";
                        if (list[i] is not JsonObject row)
                        {
                            throw Error(key, "must be an object {\"key\": ..., \"value\": ...}");
                        }

                        var name = StringOf(row["key"], $"{key}.key") ?? string.Empty;
                        var headerValue = StringOf(row["value"], $"{key}.value") ?? string.Empty;
                        if (name.Length == 0 && headerValue.Length == 0)
                        {
                            continue;
                        }

                        Add(headers, $"{key}.key", name, headerValue);
                    }

                    break;
                default:
                    throw Error("data.custom_headers", "must be an object of header names to values, or a list of {\"key\", \"value\"}");
            }

            return headers;
        }

        private void Add(Dictionary<string, string> headers, string key, string name, string value)
        {
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                throw Error(key, $"'{name}' is not a valid header name");
            }

            if (value.Any(c => c is '\r' or '\n' or '\0'))
            {
                throw Error(key, "a header value must not contain line breaks or NUL");
            }

            if (ReservedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw Error(key, $"'{name}' is set by the HTTP channel itself");
            }

            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                // The body is always JSON; saying so again is harmless, saying otherwise would be a lie.
                if (!value.Trim().StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
                {
                    throw Error(key, "the body is always application/json; remove this header");
                }

                return;
            }

            if (!headers.TryAdd(name, value))
            {
                throw Error(key, $"header '{name}' is given twice");
            }
        }

        private RetryPolicy Retry(JsonNode? value)
        {
            if (value is null)
            {
                return RetryPolicy.None;
            }

            if (value is not JsonObject config)
            {
                throw Error("data.retry_config", "must be an object {\"enabled\", \"max_retries\", \"retry_delay_seconds\"}");
            }

            var enabled = OptionalBool(config, "enabled", "data.retry_config.enabled") ?? false;
            var retries = OptionalInt(config, "max_retries", 0, MaxRetries) ?? DefaultMaxRetries;
            var delay = OptionalInt(config, "retry_delay_seconds", 1, MaxRetryDelaySeconds) ?? DefaultRetryDelaySeconds;
            return enabled ? RetryPolicy.Fixed(retries, delay) : RetryPolicy.None;
        }

        private int? OptionalInt(JsonObject config, string name, int min, int max)
        {
            var key = $"data.retry_config.{name}";
            return config[name] switch
            {
                null => null,
                JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var number) && number >= min && number <= max => number,
                _ => throw Error(key, $"must be a whole number from {min} to {max}"),
            };
        }

        private string? OptionalString(JsonObject fields, string name) => StringOf(fields[name], $"data.{name}");

        private string? StringOf(JsonNode? value, string key) => value switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            _ => throw Error(key, "must be a string"),
        };

        private bool? OptionalBool(JsonObject fields, string name, string? key = null) => fields[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            _ => throw Error(key ?? $"data.{name}", "must be true or false"),
        };

        private PluginConfigurationException Error(string key, string problem) => new(file, $"node '{id}'", key, problem);

        private static bool IsTokenChar(char c) =>
            char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
    }
}
