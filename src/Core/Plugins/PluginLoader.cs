using System.Reflection;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Core.Configuration;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>
/// Loads the plugins of a deployment: each folder into its own collectible load context (McMaster's
/// <see cref="McMaster.NETCore.Plugins.PluginLoader"/>), after checking its Abstractions version, then orders all
/// plugins by their declared dependencies.
/// </summary>
internal sealed class PluginLoader
{
    private readonly SharedAssemblies _shared = new();

    public IReadOnlyList<LoadedPlugin> Load(DeploymentModel deployment)
    {
        var loaded = new List<LoadedPlugin>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in deployment.Plugins)
        {
            if (!seen.Add(entry.Name))
            {
                throw new PluginConfigurationException(deployment.File, entry.Name, $"{entry.Key}:name", "this plugin is listed twice");
            }

            var context = new PluginContext(entry.Name, entry.Settings, deployment.BaseDirectory, deployment.File);
            if (entry.Reloadable && entry.Instance is not null)
            {
                throw new PluginConfigurationException(deployment.File, entry.Name, $"{entry.Key}:reloadable", "only a plugin loaded from a folder can be reloaded");
            }

            loaded.Add(entry.Instance is not null
                ? new LoadedPlugin(entry.Instance, context, null)
                : LoadFromFolder(deployment.File, entry, context));
        }

        return PluginOrder.Sort(loaded, deployment.File);
    }

    /// <summary>Loads one plugin from its folder; a reloaded plugin's new build comes through here too.</summary>
    /// <param name="file">The deployment file, for errors.</param>
    /// <param name="entry">The plugin's entry.</param>
    /// <param name="context">Its name and settings.</param>
    public LoadedPlugin LoadFromFolder(string file, PluginEntry entry, PluginContext context)
    {
        var folder = entry.Folder!;
        if (!Directory.Exists(folder))
        {
            throw MissingFolder(file, entry, folder);
        }

        // A plugin built with EnableDynamicLoading has exactly one <assembly>.deps.json beside its main assembly.
        var depsFiles = Directory.GetFiles(folder, "*.deps.json");
        if (depsFiles.Length != 1)
        {
            throw new PluginConfigurationException(
                file, entry.Name, $"{entry.Key}:path",
                depsFiles.Length == 0
                    ? $"plugin folder '{folder}' holds no plugin assembly (no *.deps.json beside a .dll)"
                    : $"plugin folder '{folder}' holds several plugin assemblies ({string.Join(", ", depsFiles.Select(Path.GetFileName))})");
        }

        var mainAssembly = depsFiles[0][..^".deps.json".Length] + ".dll";
        if (!File.Exists(mainAssembly))
        {
            throw new PluginConfigurationException(file, entry.Name, $"{entry.Key}:path", $"plugin assembly '{mainAssembly}' is missing");
        }

        Version? referenced;
        try
        {
            referenced = AbstractionsCompatibility.ReferencedVersion(mainAssembly);
        }
        catch (Exception ex) when (ex is BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            throw new PluginConfigurationException(file, entry.Name, $"{entry.Key}:path", $"could not load '{mainAssembly}': {PluginFailure.Describe(ex)}", ex);
        }

        var builtAgainst = referenced
            ?? throw new PluginConfigurationException(file, entry.Name, $"{entry.Key}:path", $"'{Path.GetFileName(mainAssembly)}' does not reference {AbstractionsCompatibility.AssemblyName}, so it is not a plugin");
        if (!AbstractionsCompatibility.IsCompatible(builtAgainst, AbstractionsCompatibility.HostVersion))
        {
            throw new PluginConfigurationException(file, entry.Name, $"{entry.Key}:path", AbstractionsCompatibility.Describe(builtAgainst, AbstractionsCompatibility.HostVersion));
        }

        McMaster.NETCore.Plugins.PluginLoader? loader = null;
        try
        {
            loader = McMaster.NETCore.Plugins.PluginLoader.CreateFromAssemblyFile(
                mainAssembly,
                SharedAssemblies.SharedTypes,
                config =>
                {
                    config.IsUnloadable = true;
                    // A reloadable plugin's folder is overwritten by its next build while this one serves: its
                    // assemblies are read into memory (and native libraries shadow-copied) rather than mapped from
                    // files that are about to change under them.
                    config.LoadInMemory = entry.Reloadable;
                    foreach (var name in _shared.In(folder))
                    {
                        config.SharedAssemblies.Add(name);
                    }
                });
            var loadContext = loader.LoadContext;
            NativeLibraries.Remember(loadContext, mainAssembly);
            var assembly = loader.LoadDefaultAssembly();
            var entryPoints = ExportedTypes(assembly)
                .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IWebhookPlugin).IsAssignableFrom(t))
                .ToArray();
            if (entryPoints.Length != 1)
            {
                throw new PluginConfigurationException(
                    file, entry.Name, $"{entry.Key}:path",
                    entryPoints.Length == 0
                        ? $"'{Path.GetFileName(mainAssembly)}' has no public class implementing IWebhookPlugin"
                        : $"'{Path.GetFileName(mainAssembly)}' has several IWebhookPlugin classes: {string.Join(", ", entryPoints.Select(t => t.FullName))}");
            }

            IWebhookPlugin plugin;
            try
            {
                plugin = (IWebhookPlugin)Activator.CreateInstance(entryPoints[0])!;
            }
            catch (TargetInvocationException ex)
            {
                // The plugin's own code failed, not the loading: say so, with its message rather than reflection's.
                throw new PluginConfigurationException(
                    file, entry.Name, entry.Key, $"the constructor of {entryPoints[0].FullName} threw {PluginFailure.Describe(ex)}", ex.InnerException ?? ex);
            }

            return new LoadedPlugin(plugin, context, loadContext, loader, entry.Reloadable);
        }
        catch (Exception ex)
        {
            loader?.Dispose();
            if (ex is PluginConfigurationException)
            {
                throw;
            }

            throw new PluginConfigurationException(file, entry.Name, $"{entry.Key}:path", $"could not load '{mainAssembly}': {PluginFailure.Describe(ex)}", ex);
        }
    }

    private static PluginConfigurationException MissingFolder(string file, PluginEntry entry, string folder)
    {
        if (!entry.FolderFromName)
        {
            return new PluginConfigurationException(file, entry.Name, $"{entry.Key}:path", $"plugin folder '{folder}' does not exist");
        }

        // The folder came from the name: list what the plugin root holds, and the likely intended name.
        var root = Path.GetDirectoryName(folder)!;
        var available = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Where(d => Directory.EnumerateFiles(d, "*.deps.json").Any())
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];
        var listed = available.Length == 0 ? $"no plugins are under '{root}'" : $"available: {string.Join(", ", available)}";
        return PluginFailure.Closest(entry.Name, available) is { } closest
            ? new PluginConfigurationException(file, entry.Name, $"{entry.Key}:name", $"no plugin named '{entry.Name}' in '{root}' (its folder does not exist); did you mean '{closest}'? ({listed})")
            : new PluginConfigurationException(file, entry.Name, $"{entry.Key}:path", $"plugin folder '{folder}' does not exist (build the solution, or set 'path'; {listed})");
    }

    private static IEnumerable<Type> ExportedTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
