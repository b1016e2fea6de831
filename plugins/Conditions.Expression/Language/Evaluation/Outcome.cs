namespace Webhooks.Modular.Conditions.Expression.Language.Evaluation;

/// <summary>What evaluating a node gave: a value, or an error (evaluation never throws).</summary>
/// <param name="Value">The value, when <paramref name="Error"/> is <c>null</c>.</param>
/// <param name="Error">What went wrong, starting with the column, or <c>null</c>.</param>
internal readonly record struct Outcome(Value Value, string? Error)
{
    /// <summary>Whether evaluation gave a value.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A value.</summary>
    /// <param name="value">The value.</param>
    public static Outcome Of(Value value) => new(value, null);

    /// <summary>A boolean value.</summary>
    /// <param name="value">The boolean.</param>
    public static Outcome Of(bool value) => new(Value.From(value), null);

    /// <summary>An error at a column.</summary>
    /// <param name="column">The 1-based column of the operator or value at fault.</param>
    /// <param name="problem">What is wrong; names kinds of values, never the values (they may be secrets).</param>
    public static Outcome Fail(int column, string problem) => new(Value.Null, $"column {column}: {problem}");
}
