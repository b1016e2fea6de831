using Microsoft.Extensions.Configuration;
using Npgsql;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Storage.Postgres;

namespace Webhooks.Modular.Storage.Contract.Tests.Infrastructure;

/// <summary>
/// Storage.Postgres in a schema of its own (<c>t_&lt;guid&gt;</c>) of the database named by
/// <see cref="PostgresEnvironment.VariableName"/>, dropped with everything in it on dispose.
/// </summary>
internal sealed class PostgresStoreFixture : StoreFixture
{
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N");
    private readonly string _folder = Path.GetTempPath();
    private string? _connectionString;

    /// <inheritdoc />
    public override StoreKind Kind => StoreKind.Postgres;

    /// <inheritdoc />
    public override bool SignalsOtherHosts => true;

    /// <summary>The schema this fixture's hosts use.</summary>
    public string Schema => _schema;

    /// <inheritdoc />
    protected override async Task PrepareAsync()
    {
        _connectionString = PostgresEnvironment.ConnectionString
            ?? throw new InvalidOperationException(PostgresEnvironment.SkipReason);
        await ExecuteAsync($"CREATE SCHEMA \"{_schema}\"");
    }

    /// <inheritdoc />
    protected override IWebhookPlugin CreatePlugin() => new PostgresStoragePlugin();

    /// <inheritdoc />
    protected override PluginContext CreateContext()
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["connectionString"] = _connectionString,
                ["schema"] = _schema,
            })
            .Build();
        return new PluginContext("Storage.Postgres", settings, _folder, Path.Combine(_folder, "plugins.json"));
    }

    /// <inheritdoc />
    protected override async Task DeleteDatabaseAsync()
    {
        if (_connectionString is not null)
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        // Unpooled: the fixture's own two statements should leave no idle connection behind.
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
