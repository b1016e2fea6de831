using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples;

/// <summary>The shipped <c>examples/kestra</c> deployment, copied to a temp folder so its <c>data/</c> stays out of the repository.</summary>
internal static class KestraExample
{
    public const string Key = "4wjtkzwVGBM9yKnjm3yv8r";
    public const string PayloadFlowKey = "pX7dK2mQ9vR4tY8wZ1bN6c";
    public const string Webhooks = "/api/v1/executions/webhook/company.team";
    public const string AdminUsername = "admin";
    public const string AdminPassword = "kestra-admin-password-4Fz";

    public static string SourceFolder => ExampleDeployment.SourceFolder("kestra");

    /// <summary>Copies the example and returns the copy's <c>plugins.json</c>.</summary>
    public static string CopyTo(TempFolder folder) => ExampleDeployment.CopyTo("kestra", folder);

    /// <summary>The first admin, for deployments that add builtin auth to the example.</summary>
    public static IReadOnlyDictionary<string, string?> AdminEnvironment { get; } = new Dictionary<string, string?>
    {
        ["WEBHOOKS_ADMIN_USERNAME"] = AdminUsername,
        ["WEBHOOKS_ADMIN_PASSWORD"] = AdminPassword,
    };
}
