using System.Text.Json;
using Webhooks.Modular.Conditions.Expression.Language.Ast;
using Webhooks.Modular.Conditions.Expression.Language.Evaluation;

namespace Webhooks.Modular.Conditions.Expression.Language;

/// <summary>An expression that parsed: immutable, evaluated as often as needed, from any thread.</summary>
public sealed class ParsedExpression
{
    internal ParsedExpression(string text, Node root)
    {
        Text = text;
        Root = root;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>The parsed tree.</summary>
    internal Node Root { get; }

    /// <summary>
    /// Evaluates the expression over a JSON root, whose properties are the variables (<c>trigger</c>, <c>body</c>, ...).
    /// Never throws: a type error is a failed result with a message naming the column.
    /// </summary>
    /// <param name="root">The variables, as a JSON object; any other element has no variables, so every path is null.</param>
    public ExpressionResult Evaluate(JsonElement root)
    {
        var outcome = Evaluator.Evaluate(Root, root);
        return new ExpressionResult(outcome.Value, outcome.Error);
    }

    /// <summary>The expression fully parenthesised, as the parser read it, such as <c>(a or (b and c))</c>.</summary>
    public override string ToString() => Root.ToString() ?? string.Empty;
}
