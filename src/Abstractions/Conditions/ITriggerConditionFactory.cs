using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Abstractions.Conditions;

/// <summary>Builds one trigger condition of a hook from its settings; a hook names it by <see cref="Type"/>.</summary>
public interface ITriggerConditionFactory
{
    /// <summary>The condition type hooks use, such as <c>json-field</c>.</summary>
    string Type { get; }

    /// <summary>Validates the settings and builds the condition; throws a configuration error naming the key.</summary>
    /// <param name="settings">The condition's settings.</param>
    ITriggerCondition Create(ComponentSettings settings);
}
