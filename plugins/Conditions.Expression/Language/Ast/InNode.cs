using Webhooks.Modular.Conditions.Expression.Language.Evaluation;

namespace Webhooks.Modular.Conditions.Expression.Language.Ast;

/// <summary><c>x in ['a', 'b']</c>: whether the operand equals one of a list of literals.</summary>
/// <param name="Operand">The value looked for.</param>
/// <param name="Values">The literals of the list (possibly none).</param>
/// <param name="Column">Where the <c>in</c> is written.</param>
internal sealed record InNode(Node Operand, IReadOnlyList<Value> Values, int Column) : Node(Column)
{
    /// <inheritdoc />
    public override string ToString() => $"({Operand} in [{string.Join(", ", Values.Select(LiteralNode.Print))}])";
}
