using System.Collections.Concurrent;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Abstractions.Configuration;

/// <summary>Resolves secret values written as a literal, <c>env:NAME</c> or <c>file:path</c>.</summary>
public static class SecretReference
{
    private static readonly ConcurrentDictionary<string, byte> SecretVariables = new(StringComparer.Ordinal);

    /// <summary>
    /// The environment variables some setting took a secret from. Components that start processes remove them
    /// from the child's environment, so a secret given to the host is not handed on to every command it runs.
    /// </summary>
    public static IReadOnlyCollection<string> EnvironmentSecretNames => (IReadOnlyCollection<string>)SecretVariables.Keys;

    /// <summary>Resolves <paramref name="value"/>.</summary>
    /// <param name="value">The value as written in configuration.</param>
    /// <param name="baseDirectory">The folder relative file paths resolve against.</param>
    /// <param name="error">Builds the error to throw when the reference cannot be resolved.</param>
    public static string Resolve(string value, string baseDirectory, Func<string, PluginConfigurationException> error)
    {
        if (value.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = value[4..];
            SecretVariables.TryAdd(name, 0);
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
