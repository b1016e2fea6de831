using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Configuration;
using Webhooks.Modular.Core.Diagnostics;
using Webhooks.Modular.Core.Hooks;

namespace Webhooks.Modular.Core.Plugins.Reloading;

/// <summary>
/// Watches the folder of every reloadable plugin. When a build lands there and the folder has stopped changing,
/// the new build is loaded into a new load context beside the serving one, configured, and every hook that uses
/// the plugin is built again on it; then the registry swaps them in at once. New requests get the new build,
/// requests and runs in flight finish on the old one, which is unloaded after the last of them. A build that does
/// not load, configure or build every hook is refused with its one-line error, and the old one keeps serving.
/// </summary>
/// <remarks>
/// McMaster's <c>EnableHotReload</c> is not used: it unloads the serving context the moment a file changes and
/// loads the new one into the same loader, so a request in flight would lose its build. Here each build has a
/// loader of its own, disposed when its last lease is returned.
/// </remarks>
internal sealed class PluginReloader(
    PluginLoader loader,
    DeploymentModel deployment,
    ReloadablePlugins reloadable,
    HookRegistry hooks,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<PluginReloader> logger) : BackgroundService
{
    /// <summary>How long a folder must stay unchanged before its new build is loaded (a copy lands file by file).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a folder is compared when it cannot be watched.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(deployment.Plugins.Where(p => p.Reloadable && p.Folder is not null).Select(p => WatchAsync(p, stoppingToken)));

    /// <summary>Loads the build now in the plugin's folder and swaps it in; throws the one-line error when refused.</summary>
    /// <param name="entry">The plugin's entry in the deployment.</param>
    public PluginGeneration Reload(PluginEntry entry)
    {
        lock (_gate)
        {
            var current = reloadable.CurrentOf(entry.Name) ?? throw new InvalidOperationException($"{entry.Name} is not a reloadable plugin");
            var context = new PluginContext(entry.Name, entry.Settings, deployment.BaseDirectory, deployment.File);
            var loaded = loader.LoadFromFolder(deployment.File, entry, context);
            PluginGeneration? replacement = null;
            try
            {
                EndpointProbe.Check(loaded, services, deployment.File, entry.Key);
                replacement = new PluginGeneration(loaded, current.Number + 1, ReloadablePlugins.Configure(loaded, deployment.File, entry.Key));
                reloadable.Start(replacement);
                hooks.Reload(current, replacement);
            }
            catch
            {
                if (replacement is not null)
                {
                    replacement.Discard();
                }
                else
                {
                    loaded.Loader?.Dispose();
                }

                throw;
            }

            current.Retire(old => Log.PluginGenerationUnloaded(logger, old.PluginName, old.Number));
            return replacement;
        }
    }

    private async Task WatchAsync(PluginEntry entry, CancellationToken stoppingToken)
    {
        var folder = entry.Folder!;
        using var changed = new SemaphoreSlim(0);
        FileSystemWatcher? watcher = null;
        try
        {
            watcher = new FileSystemWatcher(folder)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            FileSystemEventHandler signal = (_, _) => changed.Release();
            watcher.Changed += signal;
            watcher.Created += signal;
            watcher.Deleted += signal;
            watcher.Renamed += (_, _) => changed.Release();
            watcher.Error += (_, _) => changed.Release();
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // inotify instances are limited per user; polling is slower but never misses a build.
            watcher?.Dispose();
            watcher = null;
            Log.PluginWatchFallback(logger, entry.Name, folder, ex.Message, PollInterval);
        }

        using (watcher)
        {
            var served = Fingerprint(folder);
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (watcher is null)
                    {
                        await Task.Delay(PollInterval, clock, stoppingToken);
                    }
                    else
                    {
                        await changed.WaitAsync(stoppingToken);
                    }

                    var settled = await SettleAsync(folder, changed, stoppingToken);
                    if (settled == served)
                    {
                        continue;
                    }

                    // Whatever happens, this content has been tried: a refused build is tried again only when it changes.
                    served = settled;
                    TryReload(entry);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
        }
    }

    private void TryReload(PluginEntry entry)
    {
        var current = reloadable.CurrentOf(entry.Name)!;
        try
        {
            var replacement = Reload(entry);
            var assembly = replacement.Loaded.Plugin.GetType().Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "unknown";
            Log.PluginReloaded(logger, entry.Name, replacement.Number, version, entry.Folder!);
        }
        catch (Exception ex)
        {
            var error = ex is PluginConfigurationException ? ex.Message : $"{deployment.File}: {entry.Name}: '{entry.Key}': {PluginFailure.Describe(ex)}";
            Log.PluginReloadRefused(logger, entry.Name, entry.Folder!, current.Number, error);
        }
    }

    // Waits until two looks at the folder, SettleTime apart, see the same files.
    private async Task<string> SettleAsync(string folder, SemaphoreSlim changed, CancellationToken stoppingToken)
    {
        var before = Fingerprint(folder);
        while (true)
        {
            await Task.Delay(SettleTime, clock, stoppingToken);
            while (changed.CurrentCount > 0)
            {
                await changed.WaitAsync(stoppingToken);
            }

            var after = Fingerprint(folder);
            if (after == before)
            {
                return after;
            }

            before = after;
        }
    }

    private static string Fingerprint(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return string.Empty;
        }

        var files = new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)
            .Select(f => $"{Path.GetRelativePath(folder, f.FullName)}|{f.Length}|{f.LastWriteTimeUtc.Ticks}")
            .Order(StringComparer.Ordinal);
        return string.Join('\n', files);
    }
}
