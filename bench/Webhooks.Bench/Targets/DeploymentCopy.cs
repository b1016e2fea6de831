using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhooks.Modular.Bench.Targets;

/// <summary>A copy of the repository's <c>plugins.json</c> in a folder of its own, optionally with another SQLite sync level.</summary>
internal sealed record DeploymentCopy(string ConfigPath, string DatabasePath)
{
    private const string StoragePlugin = "Storage.Sqlite";
    private const string DefaultDatabasePath = "data/webhooks.db";

    /// <summary>Writes the copy.</summary>
    /// <param name="source">The repository's <c>plugins.json</c>.</param>
    /// <param name="folder">The copy's folder; its database lands under it, as the file's relative path says.</param>
    /// <param name="synchronous">The SQLite plugin's <c>synchronous</c> setting, or <c>null</c> to keep the file's.</param>
    public static DeploymentCopy Write(string source, string folder, string? synchronous)
    {
        Directory.CreateDirectory(folder);
        var root = JsonNode.Parse(File.ReadAllText(source)) as JsonObject
            ?? throw new InvalidOperationException($"{source} is not a JSON object");
        var storage = (root["plugins"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(p => (string?)p["name"] == StoragePlugin)
            ?? throw new InvalidOperationException($"{source} has no {StoragePlugin} plugin; the benchmark verifies its database");

        if (storage["settings"] is not JsonObject settings)
        {
            settings = [];
            storage["settings"] = settings;
        }

        if (synchronous is not null)
        {
            settings["synchronous"] = synchronous;
        }

        var relative = (string?)settings["path"] ?? DefaultDatabasePath;
        if (Path.IsPathRooted(relative))
        {
            throw new InvalidOperationException($"{source}: the benchmark needs a relative database path, to keep its copy apart; found '{relative}'");
        }

        var configPath = Path.Combine(folder, "plugins.json");
        File.WriteAllText(configPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new DeploymentCopy(configPath, Path.GetFullPath(Path.Combine(folder, relative)));
    }
}
