using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>The shipped <c>examples/dagu</c> deployment, copied to a temp folder so its <c>data/</c> stays out of the repository.</summary>
internal static class DaguExample
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "seed-admin-password-7Qx";

    public static string SourceFolder => ExampleDeployment.SourceFolder("dagu");

    /// <summary>Copies the example and returns the copy's <c>plugins.json</c>.</summary>
    public static string CopyTo(TempFolder folder) => ExampleDeployment.CopyTo("dagu", folder);

    /// <summary>The environment the README starts the host with: the first admin.</summary>
    public static IReadOnlyDictionary<string, string?> AdminEnvironment { get; } = new Dictionary<string, string?>
    {
        ["WEBHOOKS_ADMIN_USERNAME"] = AdminUsername,
        ["WEBHOOKS_ADMIN_PASSWORD"] = AdminPassword,
    };
}
