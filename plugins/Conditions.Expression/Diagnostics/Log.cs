using Microsoft.Extensions.Logging;

namespace Webhooks.Modular.Conditions.Expression.Diagnostics;

/// <summary>
/// The plugin's log messages, with stable event ids. They carry the hook, the expression (configuration, not a
/// secret) and the kinds of the values involved, never the values themselves.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Hook {HookName}: the expression condition {Expression} could not be evaluated, so it does not hold: {Problem}")]
    public static partial void EvaluationFailed(ILogger logger, string hookName, string expression, string problem);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Hook {HookName}: the expression condition {Expression} gave {Kind} instead of true or false, so it does not hold")]
    public static partial void NotBoolean(ILogger logger, string hookName, string expression, string kind);
}
