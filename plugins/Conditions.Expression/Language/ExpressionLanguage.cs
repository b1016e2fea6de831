using System.Diagnostics.CodeAnalysis;
using Webhooks.Modular.Conditions.Expression.Language.Syntax;

namespace Webhooks.Modular.Conditions.Expression.Language;

/// <summary>
/// The entry point of the expression language: parse once (when configuration loads), then evaluate as often as
/// needed over a JSON root. The grammar, operators and limits are in the plugin's README.
/// </summary>
/// <example>
/// <code>
/// var expression = ExpressionLanguage.Parse("{{ trigger.body.action == 'opened' }}");
/// bool met = expression.Evaluate(root).IsTrue;
/// </code>
/// </example>
public static class ExpressionLanguage
{
    /// <summary>The longest expression accepted, in characters (the <c>{{ }}</c> wrapper included).</summary>
    public const int MaxLength = 4096;

    /// <summary>How deeply parentheses and <c>not</c> may nest.</summary>
    public const int MaxDepth = 64;

    /// <summary>Parses an expression, bare (<c>a == 1</c>) or wrapped once in <c>{{ }}</c>.</summary>
    /// <param name="text">The expression.</param>
    /// <returns>The parsed expression, immutable and safe to share between threads.</returns>
    /// <exception cref="ExpressionSyntaxException">The text does not parse; the error carries the column.</exception>
    public static ParsedExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw new ExpressionSyntaxException(MaxLength + 1, $"the expression is longer than {MaxLength} characters");
        }

        var (start, end) = Unwrap(text);
        return new ParsedExpression(text, Parser.Parse(text, start, end));
    }

    /// <summary>Parses an expression, reporting a syntax error instead of throwing it.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="expression">The parsed expression, when it parses.</param>
    /// <param name="error">The syntax error, when it does not.</param>
    /// <returns>Whether the text parsed.</returns>
    public static bool TryParse(
        string text,
        [NotNullWhen(true)] out ParsedExpression? expression,
        [NotNullWhen(false)] out ExpressionSyntaxException? error)
    {
        try
        {
            expression = Parse(text);
            error = null;
            return true;
        }
        catch (ExpressionSyntaxException e)
        {
            expression = null;
            error = e;
            return false;
        }
    }

    // The optional wrapper: "{{ ... }}" around the whole text (surrounding blanks allowed), at most once.
    private static (int Start, int End) Unwrap(string text)
    {
        var span = text.AsSpan();
        var first = span.Length - span.TrimStart().Length;
        var last = span.TrimEnd().Length;
        if (first >= last || !span[first..last].StartsWith("{{", StringComparison.Ordinal))
        {
            return (0, text.Length);
        }

        return last - first >= 4 && span[first..last].EndsWith("}}", StringComparison.Ordinal)
            ? (first + 2, last - 2)
            : throw new ExpressionSyntaxException(first + 1, "'{{' is not closed by '}}'");
    }
}
