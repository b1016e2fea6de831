using System.Text;
using System.Text.Json;

namespace Webhooks.Modular.Conditions.Expression.Language;

/// <summary>A template that parsed: literal text and placeholders, rendered as often as needed, from any thread.</summary>
public sealed class ParsedTemplate
{
    private readonly IReadOnlyList<Part> _parts;

    internal ParsedTemplate(string text, IReadOnlyList<Part> parts)
    {
        Text = text;
        _parts = parts;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>The placeholders' expressions, in order.</summary>
    public IReadOnlyList<ParsedExpression> Expressions => _parts.Select(p => p.Expression).OfType<ParsedExpression>().ToArray();

    /// <summary>Renders the template; a placeholder that fails to evaluate renders as nothing.</summary>
    /// <param name="root">The variables, as a JSON object.</param>
    public string Render(JsonElement root) => Render(root, out _);

    /// <summary>Renders the template, also reporting the placeholders that failed to evaluate (they render as nothing).</summary>
    /// <param name="root">The variables, as a JSON object.</param>
    /// <param name="errors">One message per failed placeholder, as <c>{{expression}}: column N: problem</c>; the column counts from the start of the template.</param>
    public string Render(JsonElement root, out IReadOnlyList<string> errors)
    {
        var text = new StringBuilder();
        List<string>? failures = null;
        foreach (var part in _parts)
        {
            if (part.Expression is null)
            {
                text.Append(part.Literal);
                continue;
            }

            var result = part.Expression.Evaluate(root);
            if (result.Succeeded)
            {
                text.Append(result.ToText());
            }
            else
            {
                (failures ??= []).Add($"{{{{{part.Expression.Text}}}}}: {result.Error}");
            }
        }

        errors = failures ?? [];
        return text.ToString();
    }

    /// <summary>A piece of the template: literal text, or a placeholder.</summary>
    /// <param name="Literal">The text, for a literal piece.</param>
    /// <param name="Expression">The expression, for a placeholder.</param>
    internal sealed record Part(string? Literal, ParsedExpression? Expression);
}
