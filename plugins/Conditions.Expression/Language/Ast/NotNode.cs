namespace Webhooks.Modular.Conditions.Expression.Language.Ast;

/// <summary><c>not x</c> or <c>!x</c>: the operand must be a boolean.</summary>
/// <param name="Operand">The negated expression.</param>
/// <param name="Column">Where the <c>not</c> is written.</param>
internal sealed record NotNode(Node Operand, int Column) : Node(Column)
{
    /// <inheritdoc />
    public override string ToString() => $"(not {Operand})";
}
