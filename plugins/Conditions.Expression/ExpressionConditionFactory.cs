using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Configuration;
using Webhooks.Modular.Conditions.Expression.Language;

namespace Webhooks.Modular.Conditions.Expression;

/// <summary>
/// Parses a hook's <c>expression</c> setting when the hook loads, so a syntax error stops start-up with the hook, the
/// condition's key and the column. Registered twice: as <c>expression</c> and under Kestra's type name.
/// </summary>
/// <param name="type">The condition type this instance answers to.</param>
/// <param name="logger">Given to the conditions it builds.</param>
internal sealed class ExpressionConditionFactory(string type, ILogger<ExpressionCondition> logger) : ITriggerConditionFactory
{
    /// <summary>The condition type of this project.</summary>
    public const string ExpressionType = "expression";

    /// <summary>Kestra's type for the same condition, so Kestra flows map directly.</summary>
    public const string KestraType = "io.kestra.plugin.core.condition.ExpressionCondition";

    /// <inheritdoc />
    public string Type => type;

    /// <inheritdoc />
    public ITriggerCondition Create(ComponentSettings settings)
    {
        var text = settings.Required("expression");
        return ExpressionLanguage.TryParse(text, out var expression, out var error)
            ? new ExpressionCondition(expression, logger)
            : throw settings.Error("expression", error.Message);
    }
}
