using System.Text.Json;
using System.Text.Json.Nodes;

namespace Webhooks.Modular.Bench.Targets;

/// <summary>
/// A copy of the repository's <c>plugins.json</c> in a folder of its own, optionally with another SQLite sync level,
/// with the HTTP delivery channel allowed to reach the loopback receiver, or with the telemetry plugin.
/// </summary>
internal sealed record DeploymentCopy(string ConfigPath, string DatabasePath)
{
    private const string StoragePlugin = "Storage.Sqlite";
    private const string DefaultDatabasePath = "data/webhooks.db";
    private const string LiteDbPlugin = "Storage.LiteDb";
    private const string LiteDbDatabasePath = "data/webhooks.litedb";
    private const string DeliveryPlugin = "Delivery.Http";
    private const string TelemetryPlugin = "Telemetry.OpenTelemetry";

    // The receiver is on 127.0.0.1, which the channel refuses unless allowed (its SSRF rules).
    private const string Loopback = "127.0.0.1/32";

    /// <summary>Writes the copy.</summary>
    /// <param name="source">The repository's <c>plugins.json</c>.</param>
    /// <param name="folder">The copy's folder; its database lands under it, as the file's relative path says.</param>
    /// <param name="synchronous">The SQLite plugin's <c>synchronous</c> setting, or <c>null</c> to keep the file's.</param>
    /// <param name="perDestinationConcurrency">
    /// When given, deploys the Delivery.Http plugin (added when the file lacks it) with 127.0.0.1/32 in its
    /// <c>allowedNetworks</c>, and sets the <c>delivery</c> section's <c>perDestinationConcurrency</c>; when <c>null</c>,
    /// the file's plugins and sections are kept.
    /// </param>
    /// <param name="telemetry">When true, deploys the Telemetry.OpenTelemetry plugin (added when the file lacks it).</param>
    /// <param name="liteDb">When true, replaces Storage.Sqlite with Storage.LiteDb on <c>data/webhooks.litedb</c>.</param>
    public static DeploymentCopy Write(
        string source, string folder, string? synchronous, int? perDestinationConcurrency = null, bool telemetry = false, bool liteDb = false)
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

        if (liteDb)
        {
            // The same deployment on the other embedded store: only the plugin and its file change.
            storage["name"] = LiteDbPlugin;
            settings = new JsonObject { ["path"] = LiteDbDatabasePath };
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

        if (perDestinationConcurrency is { } perDestination)
        {
            AddDelivery(root, perDestination);
        }

        var plugins = (JsonArray)root["plugins"]!;
        if (telemetry && !plugins.OfType<JsonObject>().Any(p => (string?)p["name"] == TelemetryPlugin))
        {
            plugins.Add(new JsonObject { ["name"] = TelemetryPlugin });
        }

        var configPath = Path.Combine(folder, "plugins.json");
        File.WriteAllText(configPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return new DeploymentCopy(configPath, Path.GetFullPath(Path.Combine(folder, relative)));
    }

    /// <summary>
    /// Deploys the Delivery.Http plugin (added when the file lacks it) with 127.0.0.1/32 in its <c>allowedNetworks</c>,
    /// and sets the <c>delivery</c> section's <c>perDestinationConcurrency</c>.
    /// </summary>
    /// <param name="root">The deployment file, changed in place.</param>
    /// <param name="perDestinationConcurrency">Attempts in flight at once to the one destination, per host.</param>
    public static void AddDelivery(JsonObject root, int perDestinationConcurrency)
    {
        var plugins = (JsonArray)root["plugins"]!;
        var channel = plugins.OfType<JsonObject>().FirstOrDefault(p => (string?)p["name"] == DeliveryPlugin);
        if (channel is null)
        {
            channel = new JsonObject { ["name"] = DeliveryPlugin };
            plugins.Add(channel);
        }

        if (channel["settings"] is not JsonObject settings)
        {
            settings = [];
            channel["settings"] = settings;
        }

        if (settings["allowedNetworks"] is not JsonArray allowed)
        {
            allowed = [];
            settings["allowedNetworks"] = allowed;
        }

        if (!allowed.Any(n => (string?)n == Loopback))
        {
            allowed.Add(Loopback);
        }

        // The rest of the worker's settings stay at their defaults (concurrency 16 over all destinations).
        if (root["delivery"] is not JsonObject delivery)
        {
            delivery = [];
            root["delivery"] = delivery;
        }

        delivery["perDestinationConcurrency"] = perDestinationConcurrency;
    }
}
