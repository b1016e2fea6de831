namespace Webhooks.Modular.Surfaces.Kestra.Flows;

/// <summary>One condition of a webhook trigger, mapped 1:1 onto a hook condition.</summary>
/// <param name="Type">The condition's <c>type</c>: the hook condition type (such as <c>io.kestra.plugin.core.condition.ExpressionCondition</c>).</param>
/// <param name="SettingsJson">Every other property of the condition, as the hook condition's <c>settings</c> (a JSON object).</param>
internal sealed record FlowCondition(string Type, string SettingsJson);
