using Microsoft.Extensions.Configuration;
using Npgsql;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Storage.Contract.Tests.Infrastructure;
using Webhooks.Modular.Storage.Postgres;

namespace Webhooks.Modular.Storage.Contract.Tests.Postgres;

/// <summary>
/// A schema name of its own (<c>p_&lt;guid&gt;</c>) in the database named by <see cref="PostgresEnvironment.VariableName"/>,
/// not created beforehand (the plugin creates it), with hosts started on it through the plugin and SQL helpers to
/// look inside. Disposing closes the hosts and drops the schema.
/// </summary>
internal sealed class PostgresTestSchema : IAsyncDisposable
{
    private readonly List<StoreSet> _hosts = [];

    /// <summary>Takes a fresh schema name.</summary>
    public PostgresTestSchema()
    {
        ConnectionString = PostgresEnvironment.ConnectionString ?? throw new InvalidOperationException(PostgresEnvironment.SkipReason);
    }

    /// <summary>The schema's name, unquoted.</summary>
    public string Name { get; } = "p_" + Guid.NewGuid().ToString("N");

    /// <summary>The schema's name as written in SQL.</summary>
    public string Quoted => $"\"{Name}\"";

    /// <summary>The test server's connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The clock every host of this schema reads.</summary>
    public ManualClock Clock { get; } = new();

    /// <summary>The plugin's context for this schema, as <c>plugins.json</c> would give it.</summary>
    /// <param name="connectionString">The <c>connectionString</c> setting as written; the test server's by default.</param>
    public PluginContext Context(string? connectionString = null)
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["connectionString"] = connectionString ?? ConnectionString,
                ["schema"] = Name,
            })
            .Build();
        var folder = Path.GetTempPath();
        return new PluginContext("Storage.Postgres", settings, folder, Path.Combine(folder, "plugins.json"));
    }

    /// <summary>Starts a host on this schema (its own plugin instance and container), closed on dispose.</summary>
    public async Task<StoreSet> StartHostAsync()
    {
        var host = await StoreSet.StartAsync(new PostgresStoragePlugin(), Context(), Clock, CancellationToken.None);
        lock (_hosts)
        {
            _hosts.Add(host);
        }

        return host;
    }

    /// <summary>Runs SQL on a connection of its own.</summary>
    /// <param name="sql">The statements.</param>
    /// <param name="parameters">Names and values.</param>
    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row.</summary>
    /// <typeparam name="T">The column's type.</typeparam>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">Names and values.</param>
    public async Task<List<T>> ColumnAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    /// <summary>Opens an unpooled connection to the test database.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        StoreSet[] hosts;
        lock (_hosts)
        {
            hosts = [.. _hosts];
        }

        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        await ExecuteAsync($"DROP SCHEMA IF EXISTS {Quoted} CASCADE");
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
