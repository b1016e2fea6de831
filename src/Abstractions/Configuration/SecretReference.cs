using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Abstractions.Configuration;

/// <summary>Resolves secret values written as a literal, <c>env:NAME</c> or <c>file:path</c>.</summary>
public static class SecretReference
{
    /// <summary>Resolves <paramref name="value"/>.</summary>
    /// <param name="value">The value as written in configuration.</param>
    /// <param name="baseDirectory">The folder relative file paths resolve against.</param>
    /// <param name="error">Builds the error to throw when the reference cannot be resolved.</param>
    public static string Resolve(string value, string baseDirectory, Func<string, PluginConfigurationException> error)
    {
        if (value.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = value[4..];
            return Environment.GetEnvironmentVariable(name) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : throw error($"environment variable '{name}' is not set");
        }

        if (value.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(Path.Combine(baseDirectory, value[5..]));
            return File.Exists(path)
                ? File.ReadAllText(path).Trim()
                : throw error($"secret file '{path}' does not exist");
        }

        return value;
    }
}
