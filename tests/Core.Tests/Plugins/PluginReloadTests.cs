using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using NSubstitute;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Core.Plugins;
using Webhooks.Modular.Core.Plugins.Reloading;
using Webhooks.Modular.Core.Tests.Infrastructure;

namespace Webhooks.Modular.Core.Tests.Plugins;

/// <summary>
/// A plugin marked <c>"reloadable": true</c> (Fixture.ReloadablePlugin: an auth scheme and an action answering
/// "v1") is replaced under the real host, on Kestrel, by copying its second build (answering "v2") over its folder
/// while a client keeps sending requests.
/// </summary>
public sealed class PluginReloadTests : IDisposable
{
    private const string Word = "let-me-in";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task New_build_serves_new_requests_while_a_run_in_flight_finishes_on_the_old_one_which_is_then_collected()
    {
        var pluginFolder = _folder.File("third-party/versioned");
        ExternalPluginTests.CopyDirectory(RepoPaths.Plugin("Fixture.ReloadablePlugin"), pluginFolder);
        await using var host = await LoopbackHost.StartAsync(WriteDeployment());
        var logs = new CapturedLogs();
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var firstBuild = WeakReferenceToCurrentBuild(host.Services);
        Assert.Equal("v1", await RunOutputAsync(host, await PostAsync(host)));

        // A run that waits for a gate file: it starts on build 1 and is still running when build 2 takes over.
        var gate = _folder.File("gate");
        var held = await PostAsync(host, new { waitFor = gate });
        await WaitUntilAsync(async () => (await host.Client.GetFromJsonAsync<JsonElement>($"/runs/{held}")).GetProperty("status").GetString() == "running", "the held run to start");

        using var stop = new CancellationTokenSource();
        var answers = new ConcurrentQueue<(HttpStatusCode Status, string Body)>();
        var client = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await SendAsync(host, new { name = "steady" });
                answers.Enqueue((response.StatusCode, await response.Content.ReadAsStringAsync()));
                await Task.Delay(20); // pacing only: the client keeps requests flowing through the swap
            }
        });

        await WaitUntilAsync(() => Task.FromResult(answers.Count >= 5), "requests before the swap");
        CopyOver(RepoPaths.Plugin("Fixture.ReloadablePlugin.V2"), pluginFolder);
        await WaitUntilAsync(async () => await RunOutputAsync(host, await PostAsync(host)) == "v2", "a new request to be served by build 2", logs);
        await WaitUntilAsync(() => Task.FromResult(answers.Count >= 10), "requests after the swap");
        stop.Cancel();
        await client;

        // Nothing failed across the swap, and every run the client started succeeded on one build or the other.
        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{a.Status}: {a.Body}"));
        var outputs = new List<string>();
        foreach (var (_, body) in answers)
        {
            var runId = JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString()!;
            var run = await host.WaitForRunAsync(runId, Bound);
            Assert.Equal("succeeded", run.GetProperty("status").GetString());
            outputs.Add(run.GetProperty("output").GetString()!);
        }

        Assert.Equal("v2", outputs[^1]);
        Assert.Contains(logs.Entries, e => e.Message.Contains("Plugin Versioned reloaded: build 2", StringComparison.Ordinal));

        // Build 1 stays loaded while its run is in flight, then finishes that run and goes.
        Assert.True(IsAliveAfterCollection(firstBuild), "build 1 was unloaded under a run still using it");
        File.WriteAllText(gate, "open");
        var heldRun = await host.WaitForRunAsync(held, Bound);
        Assert.Equal("succeeded", heldRun.GetProperty("status").GetString());
        Assert.Equal("v1", heldRun.GetProperty("output").GetString());
        await WaitUntilAsync(() => Task.FromResult(!IsAliveAfterCollection(firstBuild)), "build 1's load context to be collected", logs);
        Assert.Contains(logs.Entries, e => e.Message.Contains("Plugin Versioned: build 1 unloaded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_that_fails_to_load_is_refused_with_one_line_and_the_old_build_keeps_serving()
    {
        var pluginFolder = _folder.File("third-party/versioned");
        ExternalPluginTests.CopyDirectory(RepoPaths.Plugin("Fixture.ReloadablePlugin"), pluginFolder);
        await using var host = await LoopbackHost.StartAsync(WriteDeployment());
        var logs = new CapturedLogs();
        host.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        Assert.Equal("v1", await RunOutputAsync(host, await PostAsync(host)));

        // A broken build: the plugin assembly is not an assembly at all.
        File.WriteAllBytes(Path.Combine(pluginFolder, "Fixture.ReloadablePlugin.dll"), Encoding.UTF8.GetBytes("this is not a portable executable"));
        await WaitUntilAsync(() => Task.FromResult(logs.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains("was refused", StringComparison.Ordinal))), "the refusal", logs);

        var refusal = logs.Entries.Single(e => e.Level == LogLevel.Error && e.Message.Contains("was refused", StringComparison.Ordinal));
        Assert.Null(refusal.Exception);
        Assert.DoesNotContain('\n', refusal.Message);
        Assert.Contains("Plugin Versioned: the new build in", refusal.Message);
        Assert.Contains("build 1 keeps serving", refusal.Message);
        Assert.Contains("'plugins:4:path': could not load", refusal.Message);
        Assert.Contains("BadImageFormatException", refusal.Message);
        Assert.Equal("v1", await RunOutputAsync(host, await PostAsync(host)));

        // A good build after the broken one is taken.
        CopyOver(RepoPaths.Plugin("Fixture.ReloadablePlugin.V2"), pluginFolder);
        await WaitUntilAsync(async () => await RunOutputAsync(host, await PostAsync(host)) == "v2", "build 2 to serve after the refused one", logs);
    }

    [Fact]
    public async Task Plugin_that_maps_endpoints_cannot_be_reloadable()
    {
        ExternalPluginTests.CopyDirectory(RepoPaths.Plugin("Fixture.GreetingPlugin"), _folder.File("third-party/greeting"));
        var config = Deployments.Write(_folder, [],
            extraPlugins: [new { name = "Greeting", path = "third-party/greeting", reloadable = true, settings = new { salutation = "hey" } }]);

        var error = await Assert.ThrowsAsync<PluginConfigurationException>(() => LoopbackHost.StartAsync(config));

        Assert.Equal("Greeting", error.Owner);
        Assert.Equal("plugins:4:reloadable", error.Key);
        Assert.Contains("a reloadable plugin cannot map endpoints", error.Message);
    }

    [Fact]
    public void Plugin_that_registers_a_host_contract_other_than_factories_cannot_be_reloadable()
    {
        var plugin = new LoadedPlugin(new StorePlugin(), new PluginContext("Store", new ConfigurationBuilder().Build(), ".", "test.json"), null);

        var error = Assert.Throws<PluginConfigurationException>(() => ReloadablePlugins.Configure(plugin, "test.json", "plugins:0"));

        Assert.Equal("plugins:0:reloadable", error.Key);
        Assert.Contains("registers IEventStore", error.Message);
        Assert.Contains("storage, surfaces and host services cannot be reloaded", error.Message);
    }

    private string WriteDeployment() => Deployments.Write(
        _folder,
        [new
        {
            name = "versioned",
            auth = new { scheme = "fixture-word", settings = new { word = Word } },
            action = new { type = "fixture-version" },
        }],
        extraPlugins: [new { name = "Versioned", path = "third-party/versioned", reloadable = true }]);

    // Not inlined, and no local of the caller holds the build: an async method's locals live in its state machine.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference WeakReferenceToCurrentBuild(IServiceProvider services) =>
        new(services.GetRequiredService<ReloadablePlugins>().CurrentOf("Versioned")!.Loaded.LoadContext);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsAliveAfterCollection(WeakReference reference)
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        return reference.IsAlive;
    }

    private static async Task<string> PostAsync(LoopbackHost host, object? payload = null)
    {
        var response = await SendAsync(host, payload ?? new { name = "probe" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("runId").GetString()!;
    }

    private static Task<HttpResponseMessage> SendAsync(LoopbackHost host, object payload)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/versioned")
        {
            Content = new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Fixture", Word);
        return host.Client.SendAsync(request);
    }

    private static async Task<string> RunOutputAsync(LoopbackHost host, string runId) =>
        (await host.WaitForRunAsync(runId, Bound)).GetProperty("output").GetString()!;

    // As a build lands: file by file, over the files of the serving build.
    private static void CopyOver(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CapturedLogs? logs = null)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}; logs:\n{logs?.Text}");
            }

            await Task.Delay(100);
        }
    }

    private sealed class StorePlugin : IWebhookPlugin
    {
        public IReadOnlyList<string> DependsOn => [];

        public void ConfigureServices(IServiceCollection services, PluginContext context) =>
            services.AddSingleton(Substitute.For<IEventStore>());

        public void MapEndpoints(IEndpointRouteBuilder endpoints, PluginContext context)
        {
        }
    }
}
