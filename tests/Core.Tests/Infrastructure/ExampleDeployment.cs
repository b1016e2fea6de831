namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>A shipped <c>examples/&lt;system&gt;</c> deployment, copied to a temp folder so its <c>data/</c> stays out of the repository.</summary>
public static class ExampleDeployment
{
    /// <summary>The example's folder in the repository.</summary>
    public static string SourceFolder(string system) => Path.Combine(RepoPaths.Root, "examples", system);

    /// <summary>Copies the example (without any <c>data/</c> a local run left) and returns the copy's <c>plugins.json</c>.</summary>
    public static string CopyTo(string system, TempFolder folder)
    {
        var source = SourceFolder(system);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("data" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var target = folder.File(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return folder.File("plugins.json");
    }
}
