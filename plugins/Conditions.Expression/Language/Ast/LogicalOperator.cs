namespace Webhooks.Modular.Conditions.Expression.Language.Ast;

/// <summary>The operators that combine booleans.</summary>
internal enum LogicalOperator
{
    And,
    Or,
}
