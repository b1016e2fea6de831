using System.Reflection;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>
/// Which assemblies a plugin shares with the host instead of loading its own copy: the contract
/// (Abstractions), MediatR, and the framework's Microsoft.Extensions.*, Microsoft.AspNetCore.* and System.*
/// assemblies whenever the host has them. Everything else is isolated per plugin.
/// </summary>
internal sealed class SharedAssemblies
{
    private static readonly string[] AlwaysShared = ["Webhooks.Modular.Abstractions", "MediatR"];
    private static readonly string[] SharedWhenHostHasThem = ["Microsoft.Extensions.", "Microsoft.AspNetCore.", "System.", "Microsoft.Net.Http."];

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
