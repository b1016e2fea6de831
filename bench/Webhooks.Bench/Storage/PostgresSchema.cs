using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Npgsql;

namespace Webhooks.Modular.Bench.Storage;

/// <summary>
/// A schema of a <c>pg-*</c> scenario's own on the PostgreSQL server: a name nobody uses yet (the Storage.Postgres
/// plugin creates and migrates it when the first host process starts), the connection string its hosts get, and
/// dropped with everything in it when disposed.
/// </summary>
internal sealed class PostgresSchema : IAsyncDisposable
{
    private const string BenchApplicationName = "webhooks-bench";

    private readonly string _connectionString;

    private PostgresSchema(string connectionString, string name)
    {
        _connectionString = connectionString;
        Name = name;

        // The hosts' connections carry the schema's name, so that their backends can be told from any other
        // client of the same server (other tests, the benchmark's own reads).
        HostConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString;
    }

    /// <summary>The schema's name (unquoted; letters, digits and '_').</summary>
    public string Name { get; }

    /// <summary>The connection string for the host processes: the one given, with the schema's name as application name.</summary>
    public string HostConnectionString { get; }

    /// <summary>Where the server is, for the report: host, port and database, never the password.</summary>
    public string Server => ServerOf(_connectionString);

    /// <summary>Whether the server runs on this machine, so that its backends' CPU time can be read here.</summary>
    public bool IsLocal
    {
        get
        {
            var host = new NpgsqlConnectionStringBuilder(_connectionString).Host ?? "";
            return host.StartsWith('/') || host is "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        }
    }

    /// <summary>Where a connection string points, for the report: host, port and database, never the password.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <exception cref="ArgumentException">It cannot be read.</exception>
    public static string ServerOf(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}/{builder.Database}";
    }

    /// <summary>Picks an unused schema name for a scenario and checks the server can be reached.</summary>
    /// <param name="connectionString">The server, as given to the benchmark.</param>
    /// <param name="scenario">The scenario's name, part of the schema's.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public static async Task<PostgresSchema> ReserveAsync(string connectionString, string scenario, CancellationToken cancellationToken)
    {
        var name = $"bench_{scenario.Replace('-', '_')}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var schema = new PostgresSchema(connectionString, name);
        await using var connection = await schema.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @name)", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) is false
            ? schema
            : throw new InvalidOperationException($"schema {name} already exists on {schema.Server}");
    }

    /// <summary>The process ids of the server's backends serving this schema's hosts, when the server is local; none otherwise.</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyCollection<int>> BackendProcessIdsAsync(CancellationToken cancellationToken)
    {
        if (!IsLocal)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", Name);
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    /// <summary>Opens a connection for the benchmark's own reads (not counted as a host's backend).</summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { ApplicationName = BenchApplicationName, Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Drops the schema and everything in it; run once the hosts have stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        // Not cancellable: a cancelled benchmark should still leave the server as it found it.
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
