namespace Webhooks.Modular.Conditions.Expression.Language.Ast;

/// <summary>
/// A node of a parsed expression. Nodes are immutable; <see cref="object.ToString"/> prints the node fully
/// parenthesised, which shows how the expression was read.
/// </summary>
/// <param name="Column">The 1-based column of the node's operator (or of the value itself), for error messages.</param>
internal abstract record Node(int Column);
