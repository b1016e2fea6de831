using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Configuration;
using Webhooks.Modular.Storage.Sqlite.Database;
using Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

namespace Webhooks.Modular.Storage.Sqlite.Tests;

public sealed class SqliteStoragePluginTests
{
    [Fact]
    public async Task Plugin_registers_the_three_stores_over_one_database_opened_at_start()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddLogging(); // the plugin's health check brings the health-check publisher, which logs
        services.AddSingleton<TimeProvider>(clock);
        new SqliteStoragePlugin().ConfigureServices(services, Context(folder.Path, ("path", "state/hooks.db"), ("synchronous", "normal")));

        var provider = services.BuildServiceProvider();
        await using (provider)
        {
            var database = provider.GetRequiredService<SqliteDatabase>();
            Assert.Equal(Path.Combine(folder.Path, "state", "hooks.db"), database.Options.Path);
            Assert.Equal(SqliteSynchronousMode.Normal, database.Options.Synchronous);
            Assert.Same(clock, database.TimeProvider);
            Assert.NotNull(provider.GetRequiredService<IEventStore>());
            Assert.NotNull(provider.GetRequiredService<IRunQueue>());
            Assert.NotNull(provider.GetRequiredService<IHookStore>());
            Assert.NotNull(provider.GetRequiredService<IDeliveryStore>());
            Assert.NotNull(provider.GetRequiredService<ICredentialStore>());

            foreach (var hosted in provider.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            Assert.True(File.Exists(database.Options.Path));
            Assert.NotNull(database.Writes);

            var hooks = provider.GetRequiredService<IHookStore>();
            var hook = await hooks.UpsertHookAsync("deploy", "{}", CancellationToken.None);
            Assert.Equal(clock.UtcNow, hook.CreatedAt);
        }
    }

    [Fact]
    public async Task Newer_schema_stops_the_host_with_an_error_naming_the_path_setting()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "webhooks.db");
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
                INSERT INTO schema_migrations VALUES (999, 'from the future', 0);
                """;
            await command.ExecuteNonQueryAsync();
        }

        var error = await StartAsync(folder.Path, ("path", "webhooks.db"));

        Assert.Equal("settings:path", error.Key);
        Assert.Contains("schema version 999", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_that_is_not_a_database_stops_the_host_with_an_error_naming_the_path_setting()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "notes.txt"), new string('x', 4096));

        var error = await StartAsync(folder.Path, ("path", "notes.txt"));

        Assert.Equal("settings:path", error.Key);
        Assert.Contains("notes.txt", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_apply_when_settings_are_empty()
    {
        var options = SqliteStorageOptions.FromSettings(Context("/srv/webhooks"));

        Assert.Equal(Path.GetFullPath("/srv/webhooks/data/webhooks.db"), options.Path);
        Assert.Equal(SqliteSynchronousMode.Full, options.Synchronous);
        Assert.Equal(256, options.MaxBatchSize);
    }

    [Theory]
    [InlineData("synchronous", "OFF")]
    [InlineData("maxBatchSize", "0")]
    [InlineData("maxBatchSize", "lots")]
    [InlineData("path", " ")]
    [InlineData("pth", "data/typo.db")]
    public void Invalid_setting_is_an_error_naming_its_key(string key, string value)
    {
        var error = Assert.Throws<PluginConfigurationException>(
            () => new SqliteStoragePlugin().ConfigureServices(new ServiceCollection(), Context("/srv/webhooks", (key, value))));

        Assert.Equal($"settings:{key}", error.Key);
        Assert.Equal("Storage.Sqlite", error.Owner);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static async Task<PluginConfigurationException> StartAsync(string baseDirectory, params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        new SqliteStoragePlugin().ConfigureServices(services, Context(baseDirectory, settings));
        await using var provider = services.BuildServiceProvider();
        var hosted = Assert.Single(provider.GetServices<IHostedService>().OfType<SqliteDatabaseInitializer>());
        return await Assert.ThrowsAsync<PluginConfigurationException>(() => hosted.StartAsync(CancellationToken.None));
    }

    private static PluginContext Context(string baseDirectory, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new PluginContext("Storage.Sqlite", configuration, baseDirectory, "/srv/webhooks/plugins.json");
    }
}
