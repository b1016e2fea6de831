using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Core.Tests.Host.ApiDocument;
using Webhooks.Modular.Core.Tests.Infrastructure;
using Webhooks.Modular.Host;
using Webhooks.Modular.Host.CommandLine;

namespace Webhooks.Modular.Core.Tests.Host;

/// <summary>
/// <see cref="HostVerbs.PluginOf"/> is written by hand (the host cannot know a plugin's verbs without loading it), so this
/// loads every built-in plugin the way the command line does (<see cref="HostApplication.Build"/>, no server) and compares
/// the verbs they contribute with the map: a verb added to a plugin, or removed, without updating the map fails here.
/// </summary>
public sealed class HostVerbsTests : IDisposable
{
    private const string AssemblyPrefix = "Webhooks.Modular.";

    private readonly TempFolder _folder = new();
    private readonly TempFolder _postgresFolder = new();
    private readonly TempFolder _liteDbFolder = new();

    public void Dispose()
    {
        _folder.Dispose();
        _postgresFolder.Dispose();
        _liteDbFolder.Dispose();
    }

    [Fact]
    public async Task The_verb_map_is_exactly_the_verbs_the_built_in_plugins_contribute()
    {
        var contributed = new Dictionary<string, string>(StringComparer.Ordinal);
        var engineVerbs = new List<string>();
        var loaded = new HashSet<string>(StringComparer.Ordinal);

        // Storage plugins cannot share a deployment: everything else with SQLite, then PostgreSQL alone (building the host
        // does not connect to it), then LiteDB alone.
        foreach (var config in new[] { EveryPluginButPostgres(), PostgresOnly(), LiteDbOnly() })
        {
            foreach (var plugin in JsonNode.Parse(await File.ReadAllTextAsync(config))!["plugins"]!.AsArray())
            {
                loaded.Add(plugin!["name"]!.GetValue<string>());
            }

            await using var app = HostApplication.Build(["--config", config, "--Logging:LogLevel:Default=Warning"]);
            foreach (var command in app.Services.GetServices<IHostCommand>())
            {
                var assembly = command.GetType().Assembly.GetName().Name!;
                if (assembly == typeof(Webhooks.Modular.Core.Embedding.WebhooksBuilder).Assembly.GetName().Name)
                {
                    engineVerbs.Add(command.Name);
                    continue;
                }

                Assert.StartsWith(AssemblyPrefix, assembly);
                var owner = assembly[AssemblyPrefix.Length..];
                Assert.True(
                    contributed.TryAdd(command.Name, owner) || contributed[command.Name] == owner,
                    $"'{command.Name}' is contributed by both {contributed.GetValueOrDefault(command.Name)} and {owner}");
            }
        }

        // Every built-in plugin (a folder under plugins/) was loaded: a new one must be added to the deployments above.
        var builtIn = Directory.GetDirectories(Path.Combine(RepoPaths.Root, "plugins"))
            .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
            .Select(d => Path.GetFileName(d)!)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(builtIn, loaded.Order(StringComparer.Ordinal).ToList());

        Assert.NotEmpty(contributed);
        Assert.Equal(
            contributed.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(),
            HostVerbs.PluginOf.OrderBy(p => p.Key, StringComparer.Ordinal).ToList());

        // The engine's own verbs are known without any plugin, and none hides behind a plugin's name.
        Assert.NotEmpty(engineVerbs);
        Assert.All(engineVerbs, verb => Assert.Contains(verb, HostVerbs.BuiltIn));
        Assert.All(engineVerbs, verb => Assert.DoesNotContain(verb, HostVerbs.PluginOf.Keys));
        Assert.Equal(
            HostVerbs.BuiltIn.Order(StringComparer.Ordinal),
            contributed.Keys.Concat(engineVerbs).Append(HostArguments.Serve).Append(HostVerbs.Help).Distinct().Order(StringComparer.Ordinal));
    }

    private string EveryPluginButPostgres()
    {
        var config = AllSurfacesDeployment.Write(_folder);
        var document = JsonNode.Parse(File.ReadAllText(config))!;
        document["plugins"]!.AsArray().Add(new JsonObject { ["name"] = "Auth.Basic" });
        document["plugins"]!.AsArray().Add(new JsonObject { ["name"] = "Telemetry.OpenTelemetry" });
        document["plugins"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "Bus.Nats",
            ["settings"] = new JsonObject { ["url"] = "nats://127.0.0.1:9" },
        });
        // Pages, not API routes: kept out of the all-surfaces deployment, whose every route must be in the API document.
        document["plugins"]!.AsArray().Add(new JsonObject { ["name"] = "Console.Web" });
        File.WriteAllText(config, document.ToJsonString());
        return config;
    }

    private string PostgresOnly() => _postgresFolder.Write("plugins.json", """
        { "plugins": [ { "name": "Storage.Postgres", "settings": { "connectionString": "Host=127.0.0.1;Port=9;Database=none;Username=none;Password=none" } } ] }
        """);

    private string LiteDbOnly() => _liteDbFolder.Write("plugins.json", """
        { "plugins": [ { "name": "Storage.LiteDb" } ] }
        """);
}
