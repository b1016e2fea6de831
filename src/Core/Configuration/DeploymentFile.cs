using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Core.Configuration;

/// <summary>
/// Reads <c>plugins.json</c>. The JSON is checked first with <see cref="JsonDocument"/> so that a syntax error is
/// reported with its line; the settings are then read through <see cref="IConfiguration"/>.
/// </summary>
internal static class DeploymentFile
{
    private static readonly string[] TopLevelKeys = ["$schema", "plugins", "hooks", "runs", "delivery", "authFailures", "retention"];
    private static readonly string[] PluginKeys = ["name", "path", "settings", "reloadable"];

    /// <summary>Loads the deployment at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="defaultPluginRoot">Where a plugin without a <c>path</c> is looked for: <c>{root}/{name}</c>.</param>
    public static DeploymentModel Load(string path, string defaultPluginRoot)
    {
        var file = Path.GetFullPath(path);
        if (!File.Exists(file))
        {
            throw new PluginConfigurationException(file, "host", "--config", "the configuration file does not exist");
        }

        var text = File.ReadAllBytes(file);
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PluginConfigurationException(file, "host", "$", "the file must hold a JSON object");
            }

            RejectUnknownKeys(file, "host", string.Empty, document.RootElement, TopLevelKeys);
            if (document.RootElement.TryGetProperty("plugins", out var plugins))
            {
                if (plugins.ValueKind != JsonValueKind.Array)
                {
                    throw new PluginConfigurationException(file, "host", "plugins", "must be an array");
                }

                var index = 0;
                foreach (var plugin in plugins.EnumerateArray())
                {
                    RejectUnknownKeys(file, $"plugins[{index}]", $"plugins:{index}:", plugin, PluginKeys);
                    index++;
                }
            }
        }
        catch (JsonException ex)
        {
            throw new PluginConfigurationException(
                file, "host", $"line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}", "invalid JSON: " + ex.Message, ex);
        }

        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(text)).Build();
        var baseDirectory = Path.GetDirectoryName(file)!;
        var model = new DeploymentModel { File = file, BaseDirectory = baseDirectory, Runs = configuration.GetSection("runs"), Delivery = configuration.GetSection("delivery") };
        model.AuthFailures = configuration.GetSection("authFailures");
        model.Retention = configuration.GetSection("retention");

        foreach (var section in configuration.GetSection("plugins").GetChildren())
        {
            var key = $"plugins:{section.Key}";
            var name = section["name"] is { Length: > 0 } n
                ? n
                : throw new PluginConfigurationException(file, key, $"{key}:name", "is required");
            var pathGiven = section["path"] is { Length: > 0 };
            var folder = pathGiven
                ? Path.GetFullPath(Path.Combine(baseDirectory, section["path"]!))
                : Path.Combine(defaultPluginRoot, name);
            var reloadable = false;
            if (section["reloadable"] is { } reloadableText && !bool.TryParse(reloadableText, out reloadable))
            {
                throw new PluginConfigurationException(file, name, $"{key}:reloadable", $"'{reloadableText}' is not true or false");
            }

            model.Plugins.Add(new PluginEntry(name, folder, null, section.GetSection("settings"), key, FolderFromName: !pathGiven, Reloadable: reloadable));
        }

        foreach (var hook in configuration.GetSection("hooks").GetChildren())
        {
            model.Hooks.Add(($"hooks:{hook.Key}", hook));
        }

        return model;
    }

    private static void RejectUnknownKeys(string file, string owner, string prefix, JsonElement element, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PluginConfigurationException(file, owner, prefix.TrimEnd(':'), "must be a JSON object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw new PluginConfigurationException(
                    file, owner, prefix + property.Name, $"unknown key (expected one of: {string.Join(", ", known)})");
            }
        }
    }
}
