using System.Text.Json;
using Webhooks.Modular.Conditions.Expression.Language.Syntax;

namespace Webhooks.Modular.Conditions.Expression.Language;

/// <summary>
/// Text with <c>{{ expression }}</c> placeholders, such as <c>PR #{{ trigger.body.number }} opened</c>. Each
/// placeholder is any expression of the language; it renders as its value (see <see cref="ExpressionResult.ToText"/>).
/// </summary>
public static class Template
{
    /// <summary>Parses a template once, so it can be rendered many times (and its errors reported at load).</summary>
    /// <param name="text">The template.</param>
    /// <exception cref="ExpressionSyntaxException">A placeholder does not parse, or a '{{' is not closed; the column counts from the start of the template.</exception>
    public static ParsedTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new List<ParsedTemplate.Part>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var close = FindClose(text, open + 2);
            if (close < 0)
            {
                throw new ExpressionSyntaxException(open + 1, "'{{' is not closed by '}}'");
            }

            if (open > position)
            {
                parts.Add(new ParsedTemplate.Part(text[position..open], null));
            }

            parts.Add(new ParsedTemplate.Part(null, new ParsedExpression(text[(open + 2)..close], Parser.Parse(text, open + 2, close))));
            position = close + 2;
        }

        if (position < text.Length)
        {
            parts.Add(new ParsedTemplate.Part(text[position..], null));
        }

        return new ParsedTemplate(text, parts);
    }

    /// <summary>
    /// Renders a template: every <c>{{ expression }}</c> is replaced by its value — a string as it is, null as
    /// nothing, anything else as compact JSON. A placeholder that fails to evaluate renders as nothing.
    /// </summary>
    /// <param name="template">The template.</param>
    /// <param name="root">The variables, as a JSON object.</param>
    /// <exception cref="ExpressionSyntaxException">A placeholder does not parse.</exception>
    public static string Render(string template, JsonElement root) => Parse(template).Render(root);

    // The '}}' that ends the placeholder opened before 'start', skipping quoted strings (which may hold '}}').
    private static int FindClose(string text, int start)
    {
        for (var i = start; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (c is '\'' or '"')
            {
                var end = EndOfString(text, i);
                if (end < 0)
                {
                    // An unclosed string: end the placeholder at the next '}}' so the parser reports the string.
                    return text.IndexOf("}}", i, StringComparison.Ordinal);
                }

                i = end;
            }
            else if (c == '}' && text[i + 1] == '}')
            {
                return i;
            }
        }

        return -1;
    }

    private static int EndOfString(string text, int quoteAt)
    {
        var quote = text[quoteAt];
        for (var i = quoteAt + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }
}
