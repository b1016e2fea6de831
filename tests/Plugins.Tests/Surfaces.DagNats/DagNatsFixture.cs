using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Commands;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Plugins.Tests.Auth.Builtin;
using Webhooks.Modular.Storage.Sqlite;
using Webhooks.Modular.Surfaces.DagNats;
using Webhooks.Modular.Surfaces.DagNats.Commands;
using Webhooks.Modular.Surfaces.DagNats.Triggers;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.DagNats;

/// <summary>
/// Storage.Sqlite and Surfaces.DagNats composed as the host composes them, over a real SQLite file in a temp folder with
/// a <c>workflows/</c> folder, and a catalog that records what it is given (the engine's own is exercised end to end).
/// </summary>
internal sealed class DagNatsFixture : IAsyncDisposable
{
    public static readonly string[] Workflows = ["ci-pipeline", "pr-review"];

    private readonly ServiceProvider _services;

    private DagNatsFixture(string folder, ServiceProvider services, CapturedLogs logs)
    {
        Folder = folder;
        _services = services;
        Logs = logs;
    }

    public string Folder { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _services;

    public IHookStore Store => _services.GetRequiredService<IHookStore>();

    public RecordingCatalog Catalog => (RecordingCatalog)_services.GetRequiredService<IHookCatalog>();

    public ManualClock Clock => (ManualClock)_services.GetRequiredService<TimeProvider>();

    public ServedTriggers Served => _services.GetRequiredService<ServedTriggers>();

    public TriggerReconciler Reconciler => _services.GetServices<IHostedService>().OfType<TriggerReconciler>().Single();

    public string SecretsFolder => Path.Combine(Folder, "data", "dagnats-secrets");

    public static async Task<DagNatsFixture> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("dagnats-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "workflows"));
        foreach (var workflow in Workflows)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "workflows", workflow + ".yaml"), $"steps: [ {{ command: 'echo {workflow}' }} ]");
        }

        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddSingleton<TimeProvider>(new ManualClock(DateTimeOffset.Parse("2026-11-22T12:00:00Z", CultureInfo.InvariantCulture)));
        services.AddSingleton<IHookCatalog, RecordingCatalog>();
        new SqliteStoragePlugin().ConfigureServices(services, Context("Storage.Sqlite", """{ "path": "data/webhooks.db" }""", folder));
        new DagNatsSurfacePlugin().ConfigureServices(services, Context("Surfaces.DagNats", "{}", folder));
        var provider = services.BuildServiceProvider();

        // The database only: the reconciler is started by the tests that are about it.
        foreach (var hosted in provider.GetServices<IHostedService>().Where(h => h is not TriggerReconciler))
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new DagNatsFixture(folder, provider, logs);
    }

    public static PluginContext Context(string name, string json, string folder) =>
        new(name, new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build(), folder, Path.Combine(folder, "plugins.json"));

    /// <summary>Runs the <c>trigger</c> verb with the given arguments.</summary>
    public async Task<(int ExitCode, string Output, string Error)> TriggerAsync(params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var command = _services.GetServices<IHostCommand>().OfType<TriggerCommand>().Single();
        var exitCode = await command.RunAsync(new HostCommandContext(arguments, output, error, _services), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The trigger records in the store, by name.</summary>
    public async Task<Dictionary<string, HookRecord>> RecordsAsync() =>
        (await Store.ListHooksAsync(CancellationToken.None)).ToDictionary(record => record.Name, StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
