using Webhooks.Modular.Abstractions.Configuration;

namespace Webhooks.Modular.Abstractions.Actions;

/// <summary>Builds the action a hook's runs execute; a hook names it by <see cref="Type"/>.</summary>
public interface IRunActionFactory
{
    /// <summary>The action type hooks use, such as <c>command</c>.</summary>
    string Type { get; }

    /// <summary>Validates the settings and builds the action; throws a configuration error naming the key.</summary>
    /// <param name="settings">The action's settings.</param>
    IRunAction Create(ComponentSettings settings);
}
