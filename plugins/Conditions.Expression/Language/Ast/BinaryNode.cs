namespace Webhooks.Modular.Conditions.Expression.Language.Ast;

/// <summary>A comparison (<c>== != &lt; &lt;= &gt; &gt;=</c>) or a text/array test (<c>contains startsWith endsWith</c>).</summary>
/// <param name="Operator">The operator.</param>
/// <param name="Left">The left operand.</param>
/// <param name="Right">The right operand.</param>
/// <param name="Column">Where the operator is written.</param>
internal sealed record BinaryNode(BinaryOperator Operator, Node Left, Node Right, int Column) : Node(Column)
{
    /// <inheritdoc />
    public override string ToString() => $"({Left} {Symbol(Operator)} {Right})";

    /// <summary>How an operator is written (its canonical spelling).</summary>
    /// <param name="op">The operator.</param>
    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Contains => "contains",
        BinaryOperator.StartsWith => "startsWith",
        _ => "endsWith",
    };
}
