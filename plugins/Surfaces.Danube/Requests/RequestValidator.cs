using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Webhooks.Modular.Surfaces.Danube.Events;

namespace Webhooks.Modular.Surfaces.Danube.Requests;

/// <summary>
/// Checks request bodies and queries before anything is stored: each refusal names one field, and its message names
/// it too. Unknown body fields are ignored; a duplicated one makes the body invalid.
/// </summary>
/// <param name="catalog">The event types subscriptions and events may name.</param>
/// <param name="allowHttp">Whether <c>http://</c> urls are taken (local development).</param>
internal sealed class RequestValidator(EventCatalog catalog, bool allowHttp)
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 500;
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    private static readonly JsonDocumentOptions Parsing = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    /// <summary>Checks a <c>POST /v1/webhooks</c> body: <c>{url, events, description?}</c>.</summary>
    /// <param name="body">The raw body.</param>
    /// <param name="webhook">The subscription asked for.</param>
    /// <param name="error">Why it was refused.</param>
    public bool TryParseCreate(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out NewWebhook? webhook, [NotNullWhen(false)] out RequestError? error)
    {
        webhook = null;
        if (!TryParseObject(body, out var document, out error))
        {
            return false;
        }

        using var parsed = document;
        var root = document.RootElement;
        string? url = null;
        IReadOnlyList<string>? events = null;
        string? description = null;
        error = (root.TryGetProperty("url", out var urlElement) ? CheckUrl(urlElement, out url) : Missing("url", "the url to deliver to, such as \"https://example.com/webhooks/danube\""))
            ?? (root.TryGetProperty("events", out var eventsElement) ? CheckEvents(eventsElement, out events) : Missing("events", "at least one event type"))
            ?? (root.TryGetProperty("description", out var descriptionElement) ? CheckDescription(descriptionElement, out description) : null);
        if (error is not null)
        {
            return false;
        }

        webhook = new NewWebhook(url!, events!, description);
        return true;
    }

    /// <summary>Checks a <c>PATCH /v1/webhooks/{id}</c> body: any of <c>url</c>, <c>events</c>, <c>description</c>, <c>is_active</c>.</summary>
    /// <param name="body">The raw body.</param>
    /// <param name="changes">The changes asked for.</param>
    /// <param name="error">Why it was refused.</param>
    public bool TryParseUpdate(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out WebhookChanges? changes, [NotNullWhen(false)] out RequestError? error)
    {
        changes = null;
        if (!TryParseObject(body, out var document, out error))
        {
            return false;
        }

        using var parsed = document;
        var root = document.RootElement;
        string? url = null;
        IReadOnlyList<string>? events = null;
        string? description = null;
        bool? isActive = null;
        var given = root.TryGetProperty("url", out var urlElement) | root.TryGetProperty("events", out var eventsElement)
            | root.TryGetProperty("description", out var descriptionElement) | root.TryGetProperty("is_active", out var activeElement);
        if (!given)
        {
            error = new RequestError("body", "the body changes nothing: give at least one of url, events, description, is_active");
            return false;
        }

        error = (urlElement.ValueKind == JsonValueKind.Undefined ? null : CheckUrl(urlElement, out url))
            ?? (eventsElement.ValueKind == JsonValueKind.Undefined ? null : CheckEvents(eventsElement, out events))
            ?? (descriptionElement.ValueKind == JsonValueKind.Undefined ? null : CheckDescription(descriptionElement, out description))
            ?? (activeElement.ValueKind == JsonValueKind.Undefined ? null : CheckActive(activeElement, out isActive));
        if (error is not null)
        {
            return false;
        }

        // "description": null clears it; the destination manager leaves a field that is null, so clearing is the empty string.
        var newDescription = descriptionElement.ValueKind == JsonValueKind.Undefined ? null : description ?? string.Empty;
        changes = new WebhookChanges(url, events, newDescription, isActive);
        return true;
    }

    /// <summary>Checks a <c>POST /v1/events</c> body: <c>{"event": type, "data": {...}}</c>.</summary>
    /// <param name="body">The raw body.</param>
    /// <param name="submission">The event to publish.</param>
    /// <param name="error">Why it was refused.</param>
    public bool TryParseEvent(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out EventSubmission? submission, [NotNullWhen(false)] out RequestError? error)
    {
        submission = null;
        if (!TryParseObject(body, out var document, out error))
        {
            return false;
        }

        using var parsed = document;
        var root = document.RootElement;
        string? type = null;
        var hasData = root.TryGetProperty("data", out var dataElement);
        error = (root.TryGetProperty("event", out var eventElement) ? CheckEventType(eventElement, out type) : Missing("event", "the event type"))
            ?? (hasData ? CheckData(dataElement) : Missing("data", "the event's payload, a JSON object"));
        if (error is not null)
        {
            return false;
        }

        submission = new EventSubmission(type!, dataElement.GetRawText());
        return true;
    }

    /// <summary>Checks the <c>limit</c> query parameter of the deliveries list: 1 to 100, default 20.</summary>
    /// <param name="text">The parameter as sent (several values joined by commas), or <c>null</c> when absent.</param>
    /// <param name="limit">The limit.</param>
    /// <param name="error">Why it was refused.</param>
    public static bool TryParseLimit(string? text, out int limit, [NotNullWhen(false)] out RequestError? error)
    {
        error = null;
        limit = DefaultLimit;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit)
        {
            return true;
        }

        error = new RequestError("limit", $"limit must be a whole number from 1 to {MaxLimit}, not '{text}'");
        return false;
    }

    private static bool TryParseObject(
        ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out RequestError? error)
    {
        document = null;
        error = null;
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(body, Parsing);
        }
        catch (JsonException ex)
        {
            error = new RequestError("body", $"the body must be a JSON object; it is not valid JSON: {ex.Message}");
            return false;
        }

        if (parsed.RootElement.ValueKind == JsonValueKind.Object)
        {
            document = parsed;
            return true;
        }

        error = new RequestError("body", $"the body must be a JSON object, not {Describe(parsed.RootElement.ValueKind)}");
        parsed.Dispose();
        return false;
    }

    private RequestError? CheckUrl(JsonElement element, out string? url)
    {
        url = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            return new RequestError("url", $"url must be a string, not {Describe(element.ValueKind)}");
        }

        var text = element.GetString()!;
        if (text.Length == 0)
        {
            return new RequestError("url", "url must not be empty");
        }

        if (text.Length > MaxUrlLength)
        {
            return new RequestError("url", $"url must be at most {MaxUrlLength} characters (it has {text.Length})");
        }

        // Uri would trim spaces (and take "/path" as a file on Unix): the url must be used exactly as given.
        if (text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.IsFile || uri.IsUnc || !text.Contains("://", StringComparison.Ordinal))
        {
            return new RequestError("url", $"url must be an absolute URL such as https://example.com/webhooks/danube, not '{text}'");
        }

        var https = string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal);
        var http = string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal);
        if (!https && !(allowHttp && http))
        {
            return new RequestError("url", allowHttp ? "url must start with https:// or http://" : "url must start with https://");
        }

        if (uri.UserInfo.Length > 0)
        {
            return new RequestError("url", "url must not contain a user name or password");
        }

        url = text;
        return null;
    }

    private RequestError? CheckEvents(JsonElement element, out IReadOnlyList<string>? events)
    {
        events = null;
        if (element.ValueKind != JsonValueKind.Array)
        {
            return new RequestError("events", $"events must be an array of event types, not {Describe(element.ValueKind)}");
        }

        var types = new List<string>(element.GetArrayLength());
        var index = 0;
        foreach (var entry in element.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.String)
            {
                return new RequestError("events", $"events[{index}] must be a string, not {Describe(entry.ValueKind)}");
            }

            var type = entry.GetString()!;
            if (!catalog.Contains(type))
            {
                return new RequestError("events", $"events[{index}]: '{type}' is not a known event type; valid event types: {catalog.Listed}");
            }

            if (types.Contains(type, StringComparer.Ordinal))
            {
                return new RequestError("events", $"events lists '{type}' more than once");
            }

            types.Add(type);
            index++;
        }

        if (types.Count == 0)
        {
            return new RequestError("events", $"events must list at least one event type; valid event types: {catalog.Listed}");
        }

        events = types;
        return null;
    }

    private static RequestError? CheckDescription(JsonElement element, out string? description)
    {
        description = null;
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return new RequestError("description", $"description must be a string, not {Describe(element.ValueKind)}");
        }

        var text = element.GetString()!;
        if (text.Length > MaxDescriptionLength)
        {
            return new RequestError("description", $"description must be at most {MaxDescriptionLength} characters (it has {text.Length})");
        }

        description = text;
        return null;
    }

    private static RequestError? CheckActive(JsonElement element, out bool? isActive)
    {
        isActive = element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };
        return isActive is null ? new RequestError("is_active", $"is_active must be true or false, not {Describe(element.ValueKind)}") : null;
    }

    private RequestError? CheckEventType(JsonElement element, out string? type)
    {
        type = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            return new RequestError("event", $"event must be a string, not {Describe(element.ValueKind)}");
        }

        var text = element.GetString()!;
        if (!catalog.Contains(text))
        {
            return new RequestError("event", $"event: '{text}' is not a known event type; valid event types: {catalog.Listed}");
        }

        type = text;
        return null;
    }

    private static RequestError? CheckData(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? null
            : new RequestError("data", $"data must be a JSON object, not {Describe(element.ValueKind)}");

    private static RequestError Missing(string field, string what) => new(field, $"{field} is required: {what}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
