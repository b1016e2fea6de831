using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Surfaces.Kestra;

/// <summary>The plugin's settings: where the flow files are, and how large a webhook body may be.</summary>
/// <param name="FlowsDirectory">The flow folder, absolute.</param>
/// <param name="MaxBodyBytes">The largest body a webhook trigger takes (413 beyond it).</param>
internal sealed record KestraOptions(string FlowsDirectory, long MaxBodyBytes)
{
    public const string DefaultFlowsDirectory = "flows";
    public const long DefaultMaxBodyBytes = 1024 * 1024;

    private static readonly string[] Keys = ["flowsDirectory", "maxBodyBytes"];

    /// <summary>Reads and checks the settings; the error names the offending key.</summary>
    /// <param name="context">The plugin's context.</param>
    public static KestraOptions FromSettings(PluginContext context)
    {
        foreach (var child in context.Settings.GetChildren())
        {
            if (!Keys.Contains(child.Key, StringComparer.Ordinal))
            {
                throw context.Error(child.Key, $"unknown setting (expected one of: {string.Join(", ", Keys)})");
            }
        }

        var configured = context.Settings["flowsDirectory"] ?? DefaultFlowsDirectory;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw context.Error("flowsDirectory", "must not be blank");
        }

        var directory = context.ResolvePath(configured);
        if (!Directory.Exists(directory))
        {
            throw context.Error("flowsDirectory", $"directory '{directory}' does not exist");
        }

        var maxBodyBytes = DefaultMaxBodyBytes;
        if (context.Settings["maxBodyBytes"] is { } text && (!long.TryParse(text, out maxBodyBytes) || maxBodyBytes <= 0))
        {
            throw context.Error("maxBodyBytes", $"'{text}' is not a positive number of bytes");
        }

        return new KestraOptions(directory, maxBodyBytes);
    }
}
