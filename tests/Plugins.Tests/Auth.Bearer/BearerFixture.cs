using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webhooks.Modular.Abstractions.Auth;
using Webhooks.Modular.Abstractions.Inbound;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Auth.Bearer;
using Webhooks.Modular.Storage.Sqlite;

namespace Webhooks.Modular.Plugins.Tests.Auth.Bearer;

/// <summary>The bearer plugin composed as the host composes it, over a real SQLite store in a temp folder.</summary>
internal sealed class BearerFixture : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private readonly bool _ownsFolder;

    private BearerFixture(string folder, ServiceProvider services, bool ownsFolder)
    {
        Folder = folder;
        _services = services;
        _ownsFolder = ownsFolder;
    }

    public string Folder { get; }

    public ManualClock Clock => (ManualClock)_services.GetRequiredService<TimeProvider>();

    public ITokenService Tokens => _services.GetRequiredService<ITokenService>();

    public IAuthTokenStore Store => _services.GetRequiredService<IAuthTokenStore>();

    /// <summary>Composes the plugins over <paramref name="folder"/> (a new temp folder, deleted on dispose, when null).</summary>
    public static async Task<BearerFixture> CreateAsync(string bearerSettings = "{}", string? folder = null)
    {
        var ownsFolder = folder is null;
        folder ??= Directory.CreateTempSubdirectory("bearer-").FullName;
        var services = new ServiceCollection();
        services.AddLogging(); // the storage plugin's health check brings the health-check publisher, which logs
        services.AddSingleton<TimeProvider>(new ManualClock(DateTimeOffset.Parse("2026-11-22T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));
        new SqliteStoragePlugin().ConfigureServices(services, Context("Storage.Sqlite", """{ "path": "webhooks.db" }""", folder));
        new BearerAuthPlugin().ConfigureServices(services, Context("Auth.Bearer", bearerSettings, folder));
        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new BearerFixture(folder, provider, ownsFolder);
    }

    public IInboundAuthenticator Authenticator(string settings = "{}") =>
        _services.GetServices<IAuthSchemeFactory>().Single(f => f.Scheme == "bearer").Create(TestSettings.FromJson(settings, Folder));

    public static WebhookRequest WithToken(string token) => Requests.WithHeader("Authorization", $"Bearer {token}");

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsFolder)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static PluginContext Context(string name, string json, string folder) =>
        new(name, new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build(), folder, Path.Combine(folder, "plugins.json"));
}
