using System.Text.Json;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Conditions;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Conditions.Expression.Diagnostics;
using Webhooks.Modular.Conditions.Expression.Language;
using Webhooks.Modular.Conditions.Expression.Variables;

namespace Webhooks.Modular.Conditions.Expression;

/// <summary>
/// Holds when the expression gives <c>true</c> over the request's variables. An evaluation error, or a value that is
/// not a boolean, means it does not hold, and is logged.
/// </summary>
/// <param name="expression">The expression, parsed when the hook loaded.</param>
/// <param name="logger">Where evaluation problems are reported.</param>
internal sealed class ExpressionCondition(ParsedExpression expression, ILogger logger) : ITriggerCondition
{
    /// <inheritdoc />
    public ValueTask<bool> IsMetAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        var result = expression.Evaluate(RequestVariables.For(request));
        switch (result.Kind)
        {
            case JsonValueKind.True:
                return ValueTask.FromResult(true);
            case JsonValueKind.False:
                return ValueTask.FromResult(false);
            case JsonValueKind.Undefined:
                Log.EvaluationFailed(logger, request.HookName, expression.Text, result.Error ?? "unknown error");
                return ValueTask.FromResult(false);
            default:
                // Kestra counts any non-blank text but "false" as true; here a typo must not let every request through.
                Log.NotBoolean(logger, request.HookName, expression.Text, Describe(result.Kind));
                return ValueTask.FromResult(false);
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.Number => "a number",
        JsonValueKind.String => "a string",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}
