using System.Reflection;
using System.Runtime.Loader;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>
/// One collectible load context per plugin folder. The plugin's own dependencies come from its folder
/// (through its deps.json); the contract assemblies come from the host, so that an <c>IWebhookPlugin</c>
/// in the plugin is the host's <c>IWebhookPlugin</c>.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly SharedAssemblies _shared;

    public PluginLoadContext(string name, string mainAssemblyPath, SharedAssemblies shared)
        : base(name, isCollectible: true)
    {
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
        _shared = shared;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Returning null defers to the default context: the host's copy.
        if (_shared.IsShared(assemblyName))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <summary>Where a native library of this plugin resolves to (from its deps.json, e.g. runtimes/linux-x64/native/).</summary>
    public string? ResolveNativeLibraryPath(string libraryName) => _resolver.ResolveUnmanagedDllToPath(libraryName);

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = ResolveNativeLibraryPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
