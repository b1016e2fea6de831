using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhooks.Modular.Bench.Targets;

/// <summary>
/// A copy of the repository's <c>plugins.json</c> for the <c>pg-*</c> scenarios: Storage.Postgres in place of
/// Storage.Sqlite, on a schema of the scenario's own, with its connection string read from an environment variable
/// (so that no password is written to the file); Delivery.Http allowed to reach the loopback receiver; run workers
/// off. Every host of the scenario starts with this one file, as in <c>examples/scale-out</c>.
/// </summary>
/// <param name="ConfigPath">The file.</param>
/// <param name="Schema">The PostgreSQL schema its hosts share.</param>
internal sealed record PostgresDeployment(string ConfigPath, string Schema)
{
    /// <summary>The environment variable the copy reads its connection string from; set for each host process.</summary>
    public const string ConnectionVariable = "WEBHOOKS_BENCH_POSTGRES";

    private const string SqlitePlugin = "Storage.Sqlite";
    private const string PostgresPlugin = "Storage.Postgres";

    /// <summary>Writes the copy.</summary>
    /// <param name="source">The repository's <c>plugins.json</c>.</param>
    /// <param name="folder">The copy's folder; the hosts' Data Protection key ring (destination secrets) lands under it.</param>
    /// <param name="schema">The schema, fresh for the scenario.</param>
    /// <param name="perDestinationConcurrency">The delivery worker's limit for the one destination, on each host.</param>
    public static PostgresDeployment Write(string source, string folder, string schema, int perDestinationConcurrency)
    {
        Directory.CreateDirectory(folder);
        var root = JsonNode.Parse(File.ReadAllText(source), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
            as JsonObject ?? throw new InvalidOperationException($"{source} is not a JSON object");
        var plugins = root["plugins"] as JsonArray
            ?? throw new InvalidOperationException($"{source} has no plugins");
        var sqlite = plugins.OfType<JsonObject>().FirstOrDefault(p => (string?)p["name"] == SqlitePlugin)
            ?? throw new InvalidOperationException($"{source} has no {SqlitePlugin} plugin to replace with {PostgresPlugin}");

        // In the same place in the list, so that the rest of the deployment loads as it does on SQLite.
        plugins[plugins.IndexOf(sqlite)] = new JsonObject
        {
            ["name"] = PostgresPlugin,
            ["settings"] = new JsonObject { ["connectionString"] = $"env:{ConnectionVariable}", ["schema"] = schema },
        };
        DeploymentCopy.AddDelivery(root, perDestinationConcurrency);

        // Workers off as in accept: the figure is accepting and delivering, not the machine spawning /bin/sh.
        if (root["runs"] is not JsonObject runs)
        {
            runs = [];
            root["runs"] = runs;
        }

        runs["enabled"] = false;

        var configPath = Path.Combine(folder, "plugins.json");
        File.WriteAllText(configPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new PostgresDeployment(configPath, schema);
    }
}
