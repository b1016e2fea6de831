using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Surfaces.Dagu;

/// <summary>The plugin's settings: where the DAG files are.</summary>
/// <param name="DagsDirectory">The DAG folder, absolute.</param>
internal sealed record DaguOptions(string DagsDirectory)
{
    public const string DefaultDagsDirectory = "dags";

    /// <summary>Reads and checks the settings; the error names the offending key.</summary>
    /// <param name="context">The plugin's context.</param>
    public static DaguOptions FromSettings(PluginContext context)
    {
        foreach (var child in context.Settings.GetChildren())
        {
            if (child.Key is not "dagsDirectory")
            {
                throw context.Error(child.Key, "unknown setting (expected dagsDirectory)");
            }
        }

        var configured = context.Settings["dagsDirectory"] ?? DefaultDagsDirectory;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw context.Error("dagsDirectory", "must not be blank");
        }

        var directory = context.ResolvePath(configured);
        return Directory.Exists(directory)
            ? new DaguOptions(directory)
            : throw context.Error("dagsDirectory", $"directory '{directory}' does not exist");
    }
}
