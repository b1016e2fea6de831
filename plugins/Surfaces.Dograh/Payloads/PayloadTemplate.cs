using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhooks.Modular.Surfaces.Dograh.Payloads;

/// <summary>
/// Renders a webhook node's <c>payload_template</c> as Dograh documents it: every string of the JSON template,
/// object keys included, at any depth, has its <c>{{path}}</c> placeholders replaced; numbers, booleans and nulls
/// are kept. A path is dotted (<c>initial_context.customer_name</c>, <c>initial_context.items.0.name</c>); a missing
/// or null value renders empty, a string as itself, a number or boolean as its JSON text, an object or array as
/// compact JSON text. <c>{{path | fallback}}</c> renders the fallback (bare, <c>'quoted'</c> or <c>"quoted"</c>) when
/// the value is missing, null, <c>""</c>, <c>{}</c> or <c>[]</c>. Anything between braces that is not a placeholder
/// is left as written, and rendered values are never rendered again.
/// </summary>
internal static class PayloadTemplate
{
    private const string Open = "{{";
    private const string Close = "}}";

    /// <summary>Object/array values as text: compact, and readable (non-ASCII and HTML characters unescaped).</summary>
    private static readonly JsonSerializerOptions ValueText = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
        MaxDepth = MaxDepth,
    };

    /// <summary>How deep a value may be: deeper than any payload the engine reads, so that writing one never fails.</summary>
    public const int MaxDepth = 2048;

    /// <summary>A rendered copy of <paramref name="template"/>; the template itself is not changed.</summary>
    /// <param name="template">The payload template (any JSON).</param>
    /// <param name="variables">The context variables, such as <c>workflow_run_id</c>.</param>
    public static JsonNode? Render(JsonNode? template, JsonObject variables)
    {
        switch (template)
        {
            case JsonObject obj:
                var renderedObject = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    // Keys that render alike: the last one wins, as when a JSON object is read.
                    renderedObject[RenderText(key, variables)] = Render(value, variables);
                }

                return renderedObject;
            case JsonArray array:
                var renderedArray = new JsonArray();
                foreach (var item in array)
                {
                    renderedArray.Add(Render(item, variables));
                }

                return renderedArray;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(RenderText(value.GetValue<string>(), variables));
            default:
                return template?.DeepClone();
        }
    }

    /// <summary>Replaces the placeholders of one string.</summary>
    /// <param name="text">The string as written in the template.</param>
    /// <param name="variables">The context variables.</param>
    public static string RenderText(string text, JsonObject variables)
    {
        var open = text.IndexOf(Open, StringComparison.Ordinal);
        if (open < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var done = 0;
        while (open >= 0)
        {
            var close = text.IndexOf(Close, open + Open.Length, StringComparison.Ordinal);
            if (close < 0)
            {
                break; // No placeholder can follow.
            }

            // The innermost "{{" before this "}}": earlier ones are text ("{{{x}}}" is "{" + x + "}"). Searching only
            // between the two keeps the whole scan linear however many braces there are.
            var start = text.LastIndexOf(Open, close - 1, close - open, StringComparison.Ordinal);
            var content = text.AsSpan(start + Open.Length, close - start - Open.Length);
            if (TryRender(content, variables, out var rendered))
            {
                result.Append(text, done, start - done).Append(rendered);
            }
            else
            {
                result.Append(text, done, close + Close.Length - done);
            }

            done = close + Close.Length;
            open = text.IndexOf(Open, done, StringComparison.Ordinal);
        }

        return result.Append(text, done, text.Length - done).ToString();
    }

    /// <summary>Renders the inside of <c>{{ }}</c>; false when it is not a placeholder (then it stays text).</summary>
    private static bool TryRender(ReadOnlySpan<char> content, JsonObject variables, out string rendered)
    {
        rendered = string.Empty;
        var bar = content.IndexOf('|');
        var path = (bar < 0 ? content : content[..bar]).Trim();
        if (!IsPath(path))
        {
            return false;
        }

        var value = Lookup(variables, path, out var found);
        var text = found ? TextOf(value) : string.Empty;
        if (bar >= 0 && (!found || IsEmpty(value)))
        {
            text = Unquote(content[(bar + 1)..].Trim());
        }

        rendered = text;
        return true;
    }

    /// <summary>Dot-separated segments of letters, digits, <c>_</c> and <c>-</c>.</summary>
    private static bool IsPath(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty)
        {
            return false;
        }

        var segmentLength = 0;
        foreach (var c in path)
        {
            if (c == '.')
            {
                if (segmentLength == 0)
                {
                    return false;
                }

                segmentLength = 0;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            {
                segmentLength++;
            }
            else
            {
                return false;
            }
        }

        return segmentLength > 0;
    }

    private static JsonNode? Lookup(JsonObject variables, ReadOnlySpan<char> path, out bool found)
    {
        JsonNode? current = variables;
        foreach (var range in path.Split('.'))
        {
            var segment = path[range];
            switch (current)
            {
                case JsonObject obj when obj.TryGetPropertyValue(segment.ToString(), out var child):
                    current = child;
                    break;
                case JsonArray array when TryIndex(segment, array.Count, out var index):
                    current = array[index];
                    break;
                default:
                    found = false;
                    return null;
            }
        }

        found = true;
        return current;
    }

    /// <summary>A canonical non-negative index in range: <c>0</c>, <c>12</c>, not <c>01</c> or <c>-1</c>.</summary>
    private static bool TryIndex(ReadOnlySpan<char> segment, int count, out int index)
    {
        index = -1;
        return (segment.Length == 1 || segment[0] != '0')
            && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && index < count;
    }

    private static string TextOf(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String => scalar.GetValue<string>(),
        JsonValue scalar => scalar.ToJsonString(),
        _ => value.ToJsonString(ValueText),
    };

    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonObject obj => obj.Count == 0,
        JsonArray array => array.Count == 0,
        JsonValue scalar => scalar.GetValueKind() == JsonValueKind.String && scalar.GetValue<string>().Length == 0,
        _ => false,
    };

    private static string Unquote(ReadOnlySpan<char> fallback) =>
        fallback.Length >= 2 && fallback[0] is '\'' or '"' && fallback[^1] == fallback[0]
            ? fallback[1..^1].ToString()
            : fallback.ToString();
}
