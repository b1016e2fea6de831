using System.Text.Json;
using System.Text.Json.Nodes;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Examples.Danube;

/// <summary>The shipped <c>examples/danube</c> deployment, copied to a temp folder so its <c>data/</c> stays out of the repository.</summary>
internal static class DanubeExample
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "danube-admin-password-8Wq";

    /// <summary>The body of Danube's documented <c>POST /v1/webhooks</c>, character for character.</summary>
    public const string SeedRequestBody = """
        {
            "url": "https://example.com/webhooks/danube",
            "events": ["tool.execution.completed", "tool.execution.failed"],
            "description": "Production monitoring"
          }
        """;

    /// <summary>The catalogue the example ships, in its order.</summary>
    public static readonly string[] EventTypes =
        ["tool.execution.completed", "tool.execution.failed", "workflow.completed", "workflow.failed", "agent.spend.limit_approaching"];

    /// <summary>Copies the example and returns the copy's <c>plugins.json</c>.</summary>
    public static string CopyTo(TempFolder folder) => ExampleDeployment.CopyTo("danube", folder);

    /// <summary>Copies the example with extra settings for <c>Surfaces.Danube</c> (such as <c>apiKeys</c>).</summary>
    public static string CopyTo(TempFolder folder, Action<JsonObject> changeSurfaceSettings)
    {
        var path = CopyTo(folder);
        var document = JsonNode.Parse(
            File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var surface = document["plugins"]!.AsArray().Single(p => (string?)p!["name"] == "Surfaces.Danube")!;
        changeSurfaceSettings(surface["settings"]!.AsObject());
        File.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    /// <summary>The environment the README starts the host with: the first admin.</summary>
    public static IReadOnlyDictionary<string, string?> AdminEnvironment { get; } = new Dictionary<string, string?>
    {
        ["WEBHOOKS_ADMIN_USERNAME"] = AdminUsername,
        ["WEBHOOKS_ADMIN_PASSWORD"] = AdminPassword,
    };
}
