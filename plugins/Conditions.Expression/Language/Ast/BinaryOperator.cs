namespace Webhooks.Modular.Conditions.Expression.Language.Ast;

/// <summary>The operators between two operands.</summary>
internal enum BinaryOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Contains,
    StartsWith,
    EndsWith,
}
