using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Plugins;

/// <summary>
/// Checks, before loading it, which Abstractions version a plugin was built against. Compatible means the
/// same major version and a minor version no newer than the host's (the contract only grows within a major).
/// </summary>
internal static class AbstractionsCompatibility
{
    public const string AssemblyName = "Webhooks.Modular.Abstractions";

    public static Version HostVersion { get; } = typeof(IWebhookPlugin).Assembly.GetName().Version!;

    /// <summary>The Abstractions version the assembly references, or <c>null</c> when it references none.</summary>
    /// <param name="assemblyPath">The plugin's main assembly.</param>
    public static Version? ReferencedVersion(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            return null;
        }

        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            if (metadata.GetString(reference.Name) == AssemblyName)
            {
                return reference.Version;
            }
        }

        return null;
    }

    public static bool IsCompatible(Version pluginBuiltAgainst, Version host) =>
        pluginBuiltAgainst.Major == host.Major && pluginBuiltAgainst.Minor <= host.Minor;

    /// <summary>The message for an incompatible plugin.</summary>
    public static string Describe(Version pluginBuiltAgainst, Version host) =>
        $"built against {AssemblyName} {pluginBuiltAgainst.ToString(3)}, but this host provides {host.ToString(3)} " +
        $"(a plugin needs the same major version and a minor version no newer than the host's)";

    internal static AssemblyName Name => new(AssemblyName);
}
