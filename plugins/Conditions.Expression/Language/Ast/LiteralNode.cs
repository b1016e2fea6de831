using Webhooks.Modular.Conditions.Expression.Language.Evaluation;

namespace Webhooks.Modular.Conditions.Expression.Language.Ast;

/// <summary>A string, number, <c>true</c>, <c>false</c> or <c>null</c> written in the expression.</summary>
/// <param name="Value">The value.</param>
/// <param name="Column">Where it is written.</param>
internal sealed record LiteralNode(Value Value, int Column) : Node(Column)
{
    /// <inheritdoc />
    public override string ToString() => Print(Value);

    /// <summary>How a literal value is written back as source.</summary>
    /// <param name="value">A literal's value.</param>
    public static string Print(Value value) => value.Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => value.Boolean ? "true" : "false",
        ValueKind.Number => value.Number.ToString(),
        ValueKind.String => Quote(value.String),
        _ => "?",
    };

    /// <summary>A string in single quotes, escaped so it reads back as the same string.</summary>
    /// <param name="text">The string.</param>
    public static string Quote(string text) =>
        "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal)
            .Replace("\t", "\\t", StringComparison.Ordinal) + "'";
}
