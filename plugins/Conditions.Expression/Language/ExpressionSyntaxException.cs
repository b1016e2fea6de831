namespace Webhooks.Modular.Conditions.Expression.Language;

/// <summary>
/// An expression (or a template) that does not parse. Thrown only while parsing, which happens once, when the
/// configuration loads; evaluation reports its errors in an <see cref="ExpressionResult"/> instead.
/// </summary>
public sealed class ExpressionSyntaxException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="column">The 1-based position in the text where the problem is (one past the end for a missing part).</param>
    /// <param name="problem">What is wrong, such as "expected a value after '=='".</param>
    public ExpressionSyntaxException(int column, string problem)
        : base($"column {column}: {problem}")
    {
        Column = column;
        Problem = problem;
    }

    /// <summary>
    /// The 1-based position in the text where the problem is, counted in characters from the start of the text
    /// (line breaks included; the <c>{{ }}</c> wrapper included).
    /// </summary>
    public int Column { get; }

    /// <summary>What is wrong, without the column.</summary>
    public string Problem { get; }
}
