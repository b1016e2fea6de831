namespace Webhooks.Modular.Surfaces.Kestra.Flows;

/// <summary>The Kestra plugin types this surface understands, under their current and their pre-0.17 names.</summary>
internal static class KestraTypes
{
    public const string Webhook = "io.kestra.plugin.core.trigger.Webhook";
    public const string Log = "io.kestra.plugin.core.log.Log";
    public const string ShellCommands = "io.kestra.plugin.scripts.shell.Commands";
    public const string ShellScript = "io.kestra.plugin.scripts.shell.Script";
    public const string MultipleCondition = "io.kestra.plugin.core.condition.MultipleCondition";
    public const string ExpressionCondition = "io.kestra.plugin.core.condition.ExpressionCondition";

    private static readonly string[] WebhookTypes = [Webhook, "io.kestra.core.models.triggers.types.Webhook"];
    private static readonly string[] LogTypes = [Log, "io.kestra.core.tasks.log.Log"];
    private static readonly string[] ExpressionConditionTypes = [ExpressionCondition, "expression"];
    private static readonly string[] MultipleConditionTypes = [MultipleCondition, "io.kestra.core.models.conditions.types.MultipleCondition"];

    /// <summary>The task types a flow may use here, for error messages.</summary>
    public static IReadOnlyList<string> SupportedTasks { get; } = [Log, ShellCommands, ShellScript];

    /// <summary>Whether a trigger type is Kestra's webhook trigger.</summary>
    /// <param name="type">The trigger's <c>type</c>.</param>
    public static bool IsWebhook(string type) => WebhookTypes.Contains(type, StringComparer.Ordinal);

    /// <summary>Whether a condition type is <c>MultipleCondition</c>, which webhook triggers do not support.</summary>
    /// <param name="type">The condition's <c>type</c>.</param>
    public static bool IsMultipleCondition(string type) => MultipleConditionTypes.Contains(type, StringComparer.Ordinal);

    /// <summary>Whether a condition type is the expression plugin's (condition types compare regardless of case, as the engine does).</summary>
    /// <param name="type">The condition's <c>type</c>.</param>
    public static bool IsExpressionCondition(string type) => ExpressionConditionTypes.Contains(type, StringComparer.OrdinalIgnoreCase);

    /// <summary>What a task type does here, or <c>null</c> when it is not supported.</summary>
    /// <param name="type">The task's <c>type</c>.</param>
    public static FlowTaskKind? TaskKind(string type) => type switch
    {
        _ when LogTypes.Contains(type, StringComparer.Ordinal) => FlowTaskKind.Log,
        ShellCommands => FlowTaskKind.Commands,
        ShellScript => FlowTaskKind.Script,
        _ => null,
    };
}
