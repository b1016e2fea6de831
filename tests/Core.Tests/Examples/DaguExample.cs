using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>The shipped <c>examples/dagu</c> deployment, copied to a temp folder so its <c>data/</c> stays out of the repository.</summary>
internal static class DaguExample
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "seed-admin-password-7Qx";

    public static string SourceFolder => Path.Combine(RepoPaths.Root, "examples", "dagu");

    /// <summary>Copies the example (without any <c>data/</c> a local run left) and returns the copy's <c>plugins.json</c>.</summary>
    public static string CopyTo(TempFolder folder)
    {
        foreach (var file in Directory.EnumerateFiles(SourceFolder, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(SourceFolder, file);
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

    /// <summary>The environment the README starts the host with: the first admin.</summary>
    public static IReadOnlyDictionary<string, string?> AdminEnvironment { get; } = new Dictionary<string, string?>
    {
        ["WEBHOOKS_ADMIN_USERNAME"] = AdminUsername,
        ["WEBHOOKS_ADMIN_PASSWORD"] = AdminPassword,
    };
}
