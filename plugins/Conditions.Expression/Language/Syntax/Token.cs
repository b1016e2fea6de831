using Webhooks.Modular.Conditions.Expression.Language.Evaluation;

namespace Webhooks.Modular.Conditions.Expression.Language.Syntax;

/// <summary>One token of an expression.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Position">Where it starts in the text, 0-based (its column is one more).</param>
/// <param name="Text">The token as written.</param>
/// <param name="StringValue">For a string, its value with escapes resolved.</param>
/// <param name="NumberValue">For a number, its value.</param>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, string? StringValue = null, Number NumberValue = default)
{
    /// <summary>The 1-based column of the token.</summary>
    public int Column => Position + 1;

    /// <summary>Whether the token is a word (an identifier or a keyword), so it can name a property after a '.'.</summary>
    public bool IsWord => Kind is TokenKind.Identifier or TokenKind.True or TokenKind.False or TokenKind.Null
        or TokenKind.And or TokenKind.Or or TokenKind.Not or TokenKind.In
        or TokenKind.Contains or TokenKind.StartsWith or TokenKind.EndsWith;

    /// <summary>Whether the token is an operator that compares two operands (<c>in</c> excluded: it takes a list).</summary>
    public bool IsComparison => Kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual
        or TokenKind.Greater or TokenKind.GreaterOrEqual or TokenKind.Contains or TokenKind.StartsWith or TokenKind.EndsWith;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the expression",
        TokenKind.String => $"the string {Text}",
        TokenKind.Number => $"the number {Text}",
        _ => $"'{Text}'",
    };
}
