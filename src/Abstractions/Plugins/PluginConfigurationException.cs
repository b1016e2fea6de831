namespace Webhooks.Modular.Abstractions.Plugins;

/// <summary>
/// A deployment error found at start-up. The host prints its message, which names the configuration
/// file, the plugin (or hook) and the key, and exits non-zero.
/// </summary>
public sealed class PluginConfigurationException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="file">The configuration file.</param>
    /// <param name="owner">The plugin or hook the error belongs to.</param>
    /// <param name="key">The offending key, as a configuration path.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public PluginConfigurationException(string file, string owner, string key, string problem, Exception? inner = null)
        : base($"{file}: {owner}: '{key}': {problem}", inner)
    {
        File = file;
        Owner = owner;
        Key = key;
        Problem = problem;
    }

    /// <summary>The configuration file.</summary>
    public string File { get; }

    /// <summary>The plugin or hook the error belongs to.</summary>
    public string Owner { get; }

    /// <summary>The offending key.</summary>
    public string Key { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}
