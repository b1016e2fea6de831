using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>
/// Which assemblies a plugin shares with the host instead of loading its own copy: the contract
/// (Abstractions), MediatR, and the framework's Microsoft.Extensions.*, Microsoft.AspNetCore.* and System.*
/// assemblies whenever the host has them. Everything else is isolated per plugin, with one exception: SQLite.
/// Two copies of the native SQLite library in one process do not see each other's POSIX locks, so an app that
/// opens the same database file through its own copy corrupts it ('locking protocol', 'malformed'); when the
/// host has SQLite, plugins use the host's.
/// </summary>
internal sealed class SharedAssemblies
{
    /// <summary>
    /// The types whose assemblies (and theirs, recursively) every plugin takes from the host: the contract, the
    /// dependency-injection and logging abstractions it is written against.
    /// </summary>
    public static readonly Type[] SharedTypes = [typeof(IWebhookPlugin), typeof(IServiceCollection), typeof(ILogger)];

    private static readonly string[] AlwaysShared = ["Webhooks.Modular.Abstractions", "MediatR"];
    private static readonly string[] SharedWhenHostHasThem =
        ["Microsoft.Extensions.", "Microsoft.AspNetCore.", "System.", "Microsoft.Net.Http.", "Microsoft.Data.Sqlite", "SQLitePCLRaw."];

    private readonly HashSet<string> _hostAssemblies;

    public SharedAssemblies()
    {
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>();
        _hostAssemblies = new HashSet<string>(trusted, StringComparer.OrdinalIgnoreCase);
    }

    public bool IsShared(AssemblyName name)
    {
        var simpleName = name.Name ?? string.Empty;
        if (AlwaysShared.Contains(simpleName, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        return _hostAssemblies.Contains(simpleName)
            && SharedWhenHostHasThem.Any(prefix => simpleName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The assemblies a plugin folder carries copies of that the plugin must nevertheless take from the host.
    /// Framework assemblies the folder does not carry need no entry: nothing in the folder answers for them, so
    /// they resolve to the host's anyway. Naming only what the folder holds keeps McMaster's loader from loading
    /// the whole framework into the host to share it.
    /// </summary>
    /// <param name="folder">The plugin folder.</param>
    public IEnumerable<AssemblyName> In(string folder) =>
        Directory.EnumerateFiles(folder, "*.dll")
            .Select(path => new AssemblyName(Path.GetFileNameWithoutExtension(path)))
            .Where(IsShared);
}
