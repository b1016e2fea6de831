namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>Where things are: the repository, the built host, the plugins built beside the tests.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string PluginRoot { get; } = Path.Combine(AppContext.BaseDirectory, "plugins");

#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>The host as built by the solution (the test project references it, so it is built first).</summary>
    public static string HostDll { get; } = Path.Combine(Root, "src", "Host", "bin", Configuration, "net10.0", "Webhooks.Modular.Host.dll");

    public static string Plugin(string name) => Path.Combine(PluginRoot, name);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Webhooks.Modular.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Webhooks.Modular.sln not found above " + AppContext.BaseDirectory);
    }
}
