using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Storage.Sqlite;

namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>Storage.Sqlite on <c>webhooks.db</c> in a temporary folder of its own.</summary>
internal sealed class SqliteStoreFixture : StoreFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "webhooks-contract-" + Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public override StoreKind Kind => StoreKind.Sqlite;

    /// <inheritdoc />
    public override bool SignalsOtherHosts => false;

    /// <summary>The database file, for tests that look at its tables directly.</summary>
    public string DatabasePath => Path.Combine(_folder, "webhooks.db");

    /// <inheritdoc />
    protected override Task PrepareAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override IWebhookPlugin CreatePlugin() => new SqliteStoragePlugin();

    /// <inheritdoc />
    protected override PluginContext CreateContext()
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["path"] = DatabasePath })
            .Build();
        return new PluginContext("Storage.Sqlite", settings, _folder, Path.Combine(_folder, "plugins.json"));
    }

    /// <inheritdoc />
    protected override Task DeleteDatabaseAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; failing the test over it would not be.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }
}
