using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>
/// Where a plugin's native libraries resolve: its deps.json read by the same <see cref="AssemblyDependencyResolver"/>
/// McMaster's load context asks first (e.g. <c>runtimes/linux-x64/native/</c> of the plugin folder).
/// </summary>
internal static class NativeLibraries
{
    // Weak keys: remembering a context here must not keep a reloaded plugin's old context from being collected.
    private static readonly ConditionalWeakTable<AssemblyLoadContext, AssemblyDependencyResolver> Resolvers = [];

    public static void Remember(AssemblyLoadContext context, string mainAssemblyPath) =>
        Resolvers.AddOrUpdate(context, new AssemblyDependencyResolver(mainAssemblyPath));

    /// <summary>The path a native library of this plugin resolves to, or <c>null</c> when its deps.json names none.</summary>
    /// <param name="context">A plugin's load context.</param>
    /// <param name="libraryName">The library, as code names it in <c>DllImport</c> (e.g. <c>e_sqlite3</c>).</param>
    public static string? ResolveNativeLibraryPath(this AssemblyLoadContext context, string libraryName) =>
        Resolvers.TryGetValue(context, out var resolver) ? resolver.ResolveUnmanagedDllToPath(libraryName) : null;
}
