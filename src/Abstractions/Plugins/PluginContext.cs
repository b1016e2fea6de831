using Microsoft.Extensions.Configuration;

namespace Webhooks.Modular.Abstractions.Plugins;

/// <summary>What a plugin knows of its deployment: its name, its settings and where relative paths point.</summary>
/// <param name="Name">The plugin's name as given in <c>plugins.json</c>.</param>
/// <param name="Settings">The plugin's <c>settings</c> section (empty when none was given).</param>
/// <param name="BaseDirectory">The folder of the configuration file; relative paths in settings resolve against it.</param>
/// <param name="ConfigurationFile">The configuration file's path, for error messages (or a description when embedded).</param>
public sealed record PluginContext(string Name, IConfiguration Settings, string BaseDirectory, string ConfigurationFile)
{
    /// <summary>Resolves a path from settings against <see cref="BaseDirectory"/>; absolute paths are returned as they are.</summary>
    /// <param name="path">The path as written in the settings.</param>
    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));

    /// <summary>An error about one of this plugin's settings, naming the file, the plugin and the key.</summary>
    /// <param name="key">The setting's key below the plugin's <c>settings</c>.</param>
    /// <param name="message">What is wrong.</param>
    public PluginConfigurationException Error(string key, string message) =>
        new(ConfigurationFile, Name, $"settings:{key}", message);
}
