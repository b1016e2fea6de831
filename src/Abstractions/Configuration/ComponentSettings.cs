using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Abstractions.Configuration;

/// <summary>
/// The settings of one component of a hook (its auth scheme, a condition, its action), with what a
/// factory needs to report a precise error and to resolve paths and secrets.
/// </summary>
/// <param name="HookName">The hook the component belongs to.</param>
/// <param name="Path">The configuration path of the component, such as <c>hooks:0:auth</c>.</param>
/// <param name="Section">The component's <c>settings</c> section.</param>
/// <param name="BaseDirectory">The folder of the configuration file.</param>
/// <param name="ConfigurationFile">The configuration file, for error messages.</param>
public sealed record ComponentSettings(
    string HookName, string Path, IConfiguration Section, string BaseDirectory, string ConfigurationFile)
{
    /// <summary>A required string setting; throws a configuration error naming the key when it is missing.</summary>
    /// <param name="key">The key below the component's settings.</param>
    public string Required(string key) =>
        Optional(key) is { Length: > 0 } value ? value : throw Error(key, "is required");

    /// <summary>A string setting, or <c>null</c>.</summary>
    /// <param name="key">The key below the component's settings.</param>
    public string? Optional(string key) => Section[key];

    /// <summary>A list setting (a JSON array), empty when absent.</summary>
    /// <param name="key">The key below the component's settings.</param>
    public IReadOnlyList<string> List(string key) =>
        Section.GetSection(key).GetChildren().Select(c => c.Value).OfType<string>().ToArray();

    /// <summary>
    /// A secret setting: a literal, <c>env:NAME</c> (an environment variable) or <c>file:path</c>
    /// (a file's trimmed contents, relative to the configuration file), so secrets stay out of <c>plugins.json</c>.
    /// </summary>
    /// <param name="key">The key below the component's settings.</param>
    /// <param name="value">The raw value as written.</param>
    public string ResolveSecret(string key, string value) => SecretReference.Resolve(value, BaseDirectory, message => Error(key, message));

    /// <summary>An error about one of this component's settings.</summary>
    /// <param name="key">The key below the component's settings.</param>
    /// <param name="message">What is wrong.</param>
    public PluginConfigurationException Error(string key, string message) =>
        new(ConfigurationFile, $"hook '{HookName}'", $"{Path}:settings:{key}", message);
}
