using System.Text.Json.Nodes;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Host.ApiDocument;

/// <summary>
/// A plugins.json that loads every surface plugin at once (with the examples' DAGs, workflows and flows) and the
/// sign-in, so that the API document holds every route a deployment can map.
/// </summary>
internal static class AllSurfacesDeployment
{
    public static string Write(TempFolder folder)
    {
        CopyFolder(Path.Combine(ExampleDeployment.SourceFolder("dagu"), "dags"), folder.File("dags"));
        CopyFolder(Path.Combine(ExampleDeployment.SourceFolder("dagnats"), "workflows"), folder.File("dagnats-workflows"));
        CopyFolder(Path.Combine(ExampleDeployment.SourceFolder("kestra"), "flows"), folder.File("flows"));
        CopyFolder(Path.Combine(ExampleDeployment.SourceFolder("dograh"), "workflows"), folder.File("dograh-workflows"));
        var document = new JsonObject
        {
            ["plugins"] = new JsonArray(
                Plugin("Storage.Sqlite", new JsonObject { ["path"] = "data/webhooks.db" }),
                Plugin("Auth.ApiKey"),
                Plugin("Auth.Bearer"),
                Plugin("Auth.Builtin"),
                Plugin("Auth.Hmac"),
                Plugin("Auth.UrlKey"),
                Plugin("Conditions.JsonField"),
                Plugin("Conditions.Expression"),
                Plugin("Actions.Command"),
                Plugin("Actions.Steps"),
                Plugin("Delivery.Http"),
                Plugin("Api.Management"),
                Plugin("Surfaces.Dagu", new JsonObject { ["dagsDirectory"] = "dags" }),
                Plugin("Surfaces.DagNats", new JsonObject { ["workflowsDirectory"] = "dagnats-workflows", ["secretsDirectory"] = "data/dagnats-secrets" }),
                Plugin("Surfaces.Kestra", new JsonObject { ["flowsDirectory"] = "flows" }),
                Plugin("Surfaces.Danube", new JsonObject { ["events"] = new JsonArray("workflow.completed") }),
                Plugin("Surfaces.Dograh", new JsonObject
                {
                    ["workflows"] = new JsonArray(new JsonObject
                    {
                        ["id"] = 1, ["name"] = "Support line", ["hook"] = "call-completed", ["file"] = "dograh-workflows/support.json",
                    }),
                })),
            ["hooks"] = new JsonArray(
                Deployments.CommandHook("demo", "cat"),
                Deployments.CommandHook("call-completed", "cat")),
        };
        return folder.Write("plugins.json", document.ToJsonString());
    }

    private static JsonObject Plugin(string name, JsonObject? settings = null)
    {
        var plugin = new JsonObject { ["name"] = name };
        if (settings is not null)
        {
            plugin["settings"] = settings;
        }

        return plugin;
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
