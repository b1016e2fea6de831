using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Surfaces.DagNats;

/// <summary>The plugin's settings: where workflows are read from and where per-trigger secrets are written.</summary>
/// <param name="WorkflowsDirectory">The workflow folder, absolute.</param>
/// <param name="SecretsDirectory">The folder of per-trigger secret files, absolute (created when the first is written).</param>
/// <param name="BaseDirectory">The folder of the configuration file: paths in hook definitions are written relative to it.</param>
internal sealed record DagNatsOptions(string WorkflowsDirectory, string SecretsDirectory, string BaseDirectory)
{
    public const string DefaultWorkflowsDirectory = "workflows";
    public const string DefaultSecretsDirectory = "data/dagnats-secrets";

    private static readonly string[] Keys = ["workflowsDirectory", "secretsDirectory"];

    /// <summary>Reads and checks the settings; the error names the offending key.</summary>
    /// <param name="context">The plugin's context.</param>
    public static DagNatsOptions FromSettings(PluginContext context)
    {
        foreach (var child in context.Settings.GetChildren().Where(c => !Keys.Contains(c.Key, StringComparer.Ordinal)))
        {
            throw context.Error(child.Key, $"unknown setting (expected one of: {string.Join(", ", Keys)})");
        }

        var workflows = Directory(context, "workflowsDirectory", DefaultWorkflowsDirectory);
        if (!System.IO.Directory.Exists(workflows))
        {
            throw context.Error("workflowsDirectory", $"directory '{workflows}' does not exist");
        }

        return new DagNatsOptions(workflows, Directory(context, "secretsDirectory", DefaultSecretsDirectory), Path.GetFullPath(context.BaseDirectory));
    }

    /// <summary>
    /// How a hook definition names <paramref name="path"/>: relative to the configuration folder when it is inside it
    /// (so a deployment folder can move with its database), else absolute.
    /// </summary>
    /// <param name="path">An absolute path.</param>
    public string Reference(string path)
    {
        var relative = Path.GetRelativePath(BaseDirectory, path);
        var outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative);
        return outside ? path : relative;
    }

    private static string Directory(PluginContext context, string key, string fallback)
    {
        var configured = context.Settings[key] ?? fallback;
        return string.IsNullOrWhiteSpace(configured)
            ? throw context.Error(key, "must not be blank")
            : context.ResolvePath(configured);
    }
}
