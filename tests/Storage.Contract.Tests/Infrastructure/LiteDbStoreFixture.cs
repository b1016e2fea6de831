using Microsoft.Extensions.Configuration;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Storage.LiteDb;

namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>Storage.LiteDb on <c>webhooks.litedb</c> in a temporary folder of its own.</summary>
internal sealed class LiteDbStoreFixture : StoreFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "webhooks-contract-litedb-" + Guid.NewGuid().ToString("N"));

    /// <inheritdoc />
    public override StoreKind Kind => StoreKind.LiteDb;

    /// <inheritdoc />
    public override bool SignalsOtherHosts => false;

    /// <inheritdoc />
    protected override Task PrepareAsync()
    {
        Directory.CreateDirectory(_folder);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override IWebhookPlugin CreatePlugin() => new LiteDbStoragePlugin();

    /// <inheritdoc />
    protected override PluginContext CreateContext()
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["path"] = Path.Combine(_folder, "webhooks.litedb") })
            .Build();
        return new PluginContext("Storage.LiteDb", settings, _folder, Path.Combine(_folder, "plugins.json"));
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
