using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhooks.Modular.Core.Tests.Infrastructure;

/// <summary>Writes plugins.json files for tests: the built-in plugins, a SQLite file in the folder, and the given hooks.</summary>
public static class Deployments
{
    public const string ApiKey = "test-key-0123456789";

    /// <param name="storage">The storage plugin's entry; SQLite on <see cref="DatabasePath"/> when not given.</param>
    public static string Write(TempFolder folder, object[] hooks, object? runs = null, IEnumerable<object>? extraPlugins = null, object? storage = null)
    {
        var plugins = new List<object>
        {
            storage ?? new { name = "Storage.Sqlite", settings = new { path = "data/webhooks.db" } },
            new { name = "Auth.ApiKey" },
            new { name = "Conditions.JsonField" },
            new { name = "Actions.Command" },
        };
        plugins.AddRange(extraPlugins ?? []);
        var document = new { plugins, hooks, runs = runs ?? new { concurrency = 2, leaseSeconds = 30, pollMilliseconds = 200 } };
        return folder.Write("plugins.json", JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>A hook with the API-key scheme and the command action.</summary>
    public static JsonObject CommandHook(string name, string command, Action<JsonObject>? change = null)
    {
        var hook = new JsonObject
        {
            ["name"] = name,
            ["auth"] = new JsonObject { ["scheme"] = "api-key", ["settings"] = new JsonObject { ["keys"] = new JsonArray(ApiKey) } },
            ["action"] = new JsonObject { ["type"] = "command", ["settings"] = new JsonObject { ["command"] = command, ["timeoutSeconds"] = 30 } },
        };
        change?.Invoke(hook);
        return hook;
    }

    public static string DatabasePath(TempFolder folder) => folder.File("data/webhooks.db");
}
