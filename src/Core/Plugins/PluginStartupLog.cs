using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Core.Diagnostics;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>
/// Logs each plugin of the deployment, with its version and the folder it was loaded from, when the host starts:
/// the first thing an operator asks of a misbehaving deployment is which build of which plugin is running.
/// </summary>
internal sealed class PluginStartupLog(PluginCatalog catalog, ILogger<PluginStartupLog> logger) : IHostedService
{
    public const string InProcess = "(in-process)";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var plugin in catalog.Plugins)
        {
            var assembly = plugin.Plugin.GetType().Assembly;
            var folder = plugin.LoadContext is null || string.IsNullOrEmpty(assembly.Location)
                ? InProcess
                : Path.GetDirectoryName(assembly.Location) ?? InProcess;
            Log.PluginLoaded(logger, plugin.Context.Name, VersionOf(assembly), folder);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string VersionOf(Assembly assembly)
    {
        // The informational version carries "+<commit>" from SourceLink; keep it, it names the exact build.
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
