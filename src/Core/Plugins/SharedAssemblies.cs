using System.Reflection;

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
}
