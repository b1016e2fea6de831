using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Webhooks.Modular.Surfaces.Kestra.Templates;

/// <summary>
/// The renderer used until the expression plugin's <c>Template.Render</c> is available: <c>{{ path }}</c> where the
/// path is a variable followed by <c>.name</c>, <c>['name']</c> or <c>[0]</c> steps, as in
/// <c>{{ trigger.body.hello }}</c> or <c>{{ trigger.headers['user-agent'][0] }}</c>. Strings print as they are,
/// objects and arrays as JSON, null as nothing; a missing variable is an error, as in Kestra's strict rendering.
/// Anything else (operators, filters, <c>{% %}</c> tags) is refused with an error naming it.
/// </summary>
internal sealed partial class PathTemplateRenderer : ITemplateRenderer
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Render(string template, JsonElement root)
    {
        if (template.Contains("{%", StringComparison.Ordinal))
        {
            throw new TemplateException("'{% %}' tags are not supported");
        }

        var output = new StringBuilder(template.Length);
        var position = 0;
        while (true)
        {
            var start = template.IndexOf("{{", position, StringComparison.Ordinal);
            if (start < 0)
            {
                return output.Append(template, position, template.Length - position).ToString();
            }

            var end = template.IndexOf("}}", start + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new TemplateException($"'{{{{' at position {start} is never closed with '}}}}'");
            }

            output.Append(template, position, start - position);
            output.Append(Print(Evaluate(template[(start + 2)..end].Trim(), root)));
            position = end + 2;
        }
    }

    private static JsonElement Evaluate(string expression, JsonElement root)
    {
        var match = PathPattern().Match(expression);
        if (!match.Success)
        {
            throw new TemplateException($"'{{{{ {expression} }}}}' is not supported: only variable paths such as trigger.body.name are rendered");
        }

        var current = root;
        foreach (Capture step in match.Groups["step"].Captures)
        {
            var text = step.Value;
            JsonElement? next = text switch
            {
                ['.', .. var name] => Property(current, name),
                ['[', '\'' or '"', .. var quoted, _, ']'] => Property(current, quoted),
                ['[', .. var digits, ']'] => Item(current, int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture)),
                _ => Property(current, text),
            };
            current = next ?? throw new TemplateException($"Missing variable: '{expression}'");
        }

        return current;
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static JsonElement? Item(JsonElement element, int index) =>
        element.ValueKind == JsonValueKind.Array && index < element.GetArrayLength() ? element[index] : null;

    private static string Print(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => string.Empty,
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => JsonSerializer.Serialize(value, Json),
    };

    [GeneratedRegex(@"^(?<step>[A-Za-z_][A-Za-z0-9_]*)(?<step>\.[A-Za-z_][A-Za-z0-9_-]*|\[(?:'[^']*'|""[^""]*""|[0-9]{1,9})\])*\z")]
    private static partial Regex PathPattern();
}
