using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;
using Webhooks.Modular.Storage.Postgres;
using Webhooks.Modular.Storage.Postgres.Configuration;

namespace Webhooks.Modular.Storage.Contract.Tests.Postgres;

public sealed class PostgresSettingsTests
{
    private const string Valid = "Host=127.0.0.1;Database=webhooks;Username=webhooks;Password=s3cret-value";

    [Fact]
    public void A_missing_connection_string_is_refused_naming_the_key()
    {
        var error = Assert.Throws<PluginConfigurationException>(() => Configure(new() { ["schema"] = "webhooks" }));

        Assert.Equal("settings:connectionString", error.Key);
        Assert.Contains("is required", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schema", "has-dash", "settings:schema")]
    [InlineData("schema", "1starts_with_a_digit", "settings:schema")]
    [InlineData("schema", "sssssssssssssssssssssssssssssssssssssssssssssssssssssss", "settings:schema")]
    [InlineData("maxPoolSize", "0", "settings:maxPoolSize")]
    [InlineData("maxPoolSize", "many", "settings:maxPoolSize")]
    [InlineData("poolSize", "10", "settings:poolSize")]
    [InlineData("connectionString", "Host=127.0.0.1;Colour=blue", "settings:connectionString")]
    [InlineData("connectionString", "Database=webhooks;Username=webhooks", "settings:connectionString")]
    public void A_bad_setting_is_refused_naming_its_key(string key, string value, string expectedKey)
    {
        var settings = new Dictionary<string, string?> { ["connectionString"] = Valid, [key] = value };

        var error = Assert.Throws<PluginConfigurationException>(() => Configure(settings));

        Assert.Equal(expectedKey, error.Key);
    }

    [Fact]
    public void The_connection_string_may_come_from_a_file_and_the_schema_defaults_to_webhooks()
    {
        var file = Path.Combine(Path.GetTempPath(), "pg-" + Guid.NewGuid().ToString("N") + ".secret");
        File.WriteAllText(file, Valid + "\n");
        try
        {
            using var provider = Configure(new() { ["connectionString"] = "file:" + file, ["maxPoolSize"] = "7" });
            var options = provider.GetRequiredService<PostgresStorageOptions>();

            Assert.Equal(Valid, options.ConnectionString);
            Assert.Equal("webhooks", options.Schema);
            Assert.Equal(7, options.MaxPoolSize);
            Assert.DoesNotContain("s3cret-value", options.Server, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void An_environment_reference_to_an_unset_variable_is_refused_naming_the_key_and_the_variable()
    {
        var variable = "WEBHOOKS_TEST_UNSET_" + Guid.NewGuid().ToString("N");

        var error = Assert.Throws<PluginConfigurationException>(() => Configure(new() { ["connectionString"] = "env:" + variable }));

        Assert.Equal("settings:connectionString", error.Key);
        Assert.Contains(variable, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_stops_the_host_at_start_naming_the_connection_string_but_never_its_password()
    {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        var context = new PluginContext(
            "Storage.Postgres",
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["connectionString"] = "Host=127.0.0.1;Port=1;Database=webhooks;Username=webhooks;Password=s3cret-value;Timeout=5",
            }).Build(),
            Path.GetTempPath(),
            "plugins.json");

        var error = await Assert.ThrowsAsync<PluginConfigurationException>(
            () => StoreSet.StartAsync(new PostgresStoragePlugin(), context, new ManualClock(), CancellationToken.None));

        Assert.Equal("settings:connectionString", error.Key);
        Assert.Contains("127.0.0.1:1/webhooks as webhooks", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", error.ToString(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task A_refused_login_stops_the_host_naming_the_connection_string_but_never_its_password()
    {
        await using var schema = new PostgresTestSchema();
        var password = "wrong-" + Guid.NewGuid().ToString("N");
        var variable = "WEBHOOKS_TEST_PG_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, new NpgsqlConnectionStringBuilder(schema.ConnectionString) { Password = password }.ConnectionString);
        try
        {
            var error = await Assert.ThrowsAsync<PluginConfigurationException>(
                () => StoreSet.StartAsync(new PostgresStoragePlugin(), schema.Context("env:" + variable), schema.Clock, CancellationToken.None));

            Assert.Equal("settings:connectionString", error.Key);
            Assert.Contains("127.0.0.1", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    private static ServiceProvider Configure(Dictionary<string, string?> settings)
    {
        var folder = Path.GetTempPath();
        var context = new PluginContext(
            "Storage.Postgres", new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), folder, Path.Combine(folder, "plugins.json"));
        var services = new ServiceCollection();
        new PostgresStoragePlugin().ConfigureServices(services, context);
        return services.BuildServiceProvider();
    }
}
