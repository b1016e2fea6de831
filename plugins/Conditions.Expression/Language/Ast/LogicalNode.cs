namespace Webhooks.Modular.Conditions.Expression.Language.Ast;

/// <summary>
/// <c>a and b and c</c> or <c>a or b or c</c>: a chain of one operator, kept flat so a long chain is not a deep tree.
/// Evaluated left to right, stopping as soon as the answer is known.
/// </summary>
/// <param name="Operator">And or or.</param>
/// <param name="Operands">Two or more operands.</param>
/// <param name="Column">Where the first operator is written.</param>
internal sealed record LogicalNode(LogicalOperator Operator, IReadOnlyList<Node> Operands, int Column) : Node(Column)
{
    /// <inheritdoc />
    public override string ToString() =>
        "(" + string.Join(Operator == LogicalOperator.And ? " and " : " or ", Operands) + ")";
}
