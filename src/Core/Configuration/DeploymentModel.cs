using Microsoft.Extensions.Configuration;

namespace Webhooks.Modular.Core.Configuration;

/// <summary>A deployment: its plugins, its hooks and the run-worker settings, from a file or from code.</summary>
internal sealed class DeploymentModel
{
    /// <summary>The configuration file (or a description when built in code), named in every error.</summary>
    public string File { get; set; } = "(in-process configuration)";

    /// <summary>The folder relative paths resolve against.</summary>
    public string BaseDirectory { get; set; } = AppContext.BaseDirectory;

    /// <summary>Plugins in the order written.</summary>
    public List<PluginEntry> Plugins { get; } = [];

    /// <summary>Hook definitions, each with its configuration path for errors.</summary>
    public List<(string Key, IConfiguration Section)> Hooks { get; } = [];

    /// <summary>The <c>runs</c> section.</summary>
    public IConfiguration? Runs { get; set; }

    /// <summary>The <c>delivery</c> section: the delivery worker's settings.</summary>
    public IConfiguration? Delivery { get; set; }

    /// <summary>The <c>authFailures</c> section: how many failed hook authentications an address may have.</summary>
    public IConfiguration? AuthFailures { get; set; }

    /// <summary>The <c>retention</c> section: how long events, runs and deliveries are kept.</summary>
    public IConfigurationSection? Retention { get; set; }
}
