namespace Webhooks.Modular.Conditions.Expression.Language.Evaluation;

/// <summary>The kinds of value an expression works with: those of JSON.</summary>
internal enum ValueKind
{
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}
