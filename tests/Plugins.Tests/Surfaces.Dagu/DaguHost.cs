using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Hooks;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Auth.Bearer;
using Webhooks.Modular.Plugins.Tests.Auth.Builtin;
using Webhooks.Modular.Storage.Sqlite;
using Webhooks.Modular.Surfaces.Dagu;
using Webhooks.Modular.Surfaces.Dagu.Dags;
using Webhooks.Modular.Surfaces.Dagu.Webhooks;

namespace Webhooks.Modular.Plugins.Tests.Surfaces.Dagu;

/// <summary>
/// One host of a deployment: Storage.Sqlite, Auth.Bearer and Surfaces.Dagu composed as the host composes them over a
/// deployment folder (<c>plugins.json</c>'s), with its own catalog. Two of them over the same folder are two hosts
/// sharing one database file and one token hash key.
/// </summary>
internal sealed class DaguHost : IAsyncDisposable
{
    public const string Dag = "my-dag";

    public static readonly ApiUser Admin = new("user-1", "admin", ApiRoles.Admin);

    private readonly ServiceProvider _services;
    private readonly string _folder;
    private bool _reconciling;

    private DaguHost(string folder, ServiceProvider services, CapturedLogs logs)
    {
        _folder = folder;
        _services = services;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    public DagWebhooks Webhooks => _services.GetRequiredService<DagWebhooks>();

    public HostCatalog Catalog => (HostCatalog)_services.GetRequiredService<IHookCatalog>();

    public IHookStore Store => _services.GetRequiredService<IHookStore>();

    public WebhookReconciler Reconciler => _services.GetServices<IHostedService>().OfType<WebhookReconciler>().Single();

    /// <summary>A new deployment folder with <c>dags/my-dag.yaml</c>.</summary>
    public static string NewDeployment()
    {
        var folder = Directory.CreateTempSubdirectory("dagu-hosts-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "dags"));
        File.WriteAllText(Path.Combine(folder, "dags", Dag + ".yaml"), "steps:\n  - command: echo hi\n");
        return folder;
    }

    /// <summary>Starts a host on the deployment: the database, then (unless told not to) the reconciler and its loop.</summary>
    public static async Task<DaguHost> StartAsync(string folder, TimeProvider clock, bool reconcile = true)
    {
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs));
        services.AddSingleton(clock);
        services.AddSingleton<IHookCatalog, HostCatalog>();
        new SqliteStoragePlugin().ConfigureServices(services, Context("Storage.Sqlite", """{ "path": "data/webhooks.db" }""", folder));
        new BearerAuthPlugin().ConfigureServices(services, Context("Auth.Bearer", "{}", folder));
        new DaguSurfacePlugin().ConfigureServices(services, Context("Surfaces.Dagu", """{ "dagsDirectory": "dags" }""", folder));
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>().Where(h => h is not WebhookReconciler))
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var host = new DaguHost(folder, provider, logs);
        if (reconcile)
        {
            await host.Reconciler.StartAsync(CancellationToken.None);
            host._reconciling = true;
        }

        return host;
    }

    /// <summary>
    /// Checks <paramref name="token"/> as this host checks a trigger of the DAG's webhook: with the bearer
    /// authenticator built from the auth settings of the hook its catalog serves. <c>null</c> when it serves none.
    /// </summary>
    public async Task<AuthResult?> AuthenticateAsync(string token, string dag = Dag)
    {
        if (Catalog.Definition(DagNames.HookName(dag)) is not { } definition)
        {
            return null;
        }

        var auth = JsonNode.Parse(definition)!["auth"]!;
        var scheme = _services.GetServices<IAuthSchemeFactory>().Single(f => f.Scheme == auth["scheme"]!.GetValue<string>());
        var authenticator = scheme.Create(TestSettings.FromJson(auth["settings"]!.ToJsonString(), _folder));
        return await authenticator.AuthenticateAsync(Requests.WithHeader("Authorization", $"Bearer {token}"), CancellationToken.None);
    }

    /// <summary>Polls until <paramref name="done"/> holds (the reconciler runs once a second), failing after 10 seconds.</summary>
    public static async Task<TimeSpan> EventuallyAsync(Func<Task<bool>> done, string what)
    {
        var started = DateTime.UtcNow;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), $"not within 10 seconds: {what}");
            await Task.Delay(50);
        }

        return DateTime.UtcNow - started;
    }

    public async ValueTask DisposeAsync()
    {
        if (_reconciling)
        {
            await Reconciler.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }

    private static PluginContext Context(string name, string json, string folder) =>
        new(name, new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build(), folder, Path.Combine(folder, "plugins.json"));
}
