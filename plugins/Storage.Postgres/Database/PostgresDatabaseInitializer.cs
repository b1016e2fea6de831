using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Storage.Postgres.Schema;

namespace Webhooks.Modular.Storage.Postgres.Database;

/// <summary>
/// Migrates the schema when the host starts, so that an unreachable server, a refused login or a too-new schema
/// stops the host before it accepts a request rather than failing the first one.
/// </summary>
internal sealed class PostgresDatabaseInitializer : IHostedService
{
    private readonly PostgresDatabase _database;
    private readonly PluginContext _context;

    /// <summary>Creates the initializer.</summary>
    /// <param name="database">The shared database.</param>
    /// <param name="context">The plugin's context, to name the offending setting in errors.</param>
    public PostgresDatabaseInitializer(PostgresDatabase database, PluginContext context)
    {
        _database = database;
        _context = context;
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _database.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SchemaTooNewException e)
        {
            throw _context.Error("schema", e.Message);
        }
        catch (Exception e) when (IsAboutTheConnection(e))
        {
            // What the operator must change is the connection string (or the server); report it like any other
            // configuration error. Npgsql's messages name the host and the problem, never the password.
            throw new PluginConfigurationException(
                _context.ConfigurationFile,
                _context.Name,
                "settings:connectionString",
                $"cannot use PostgreSQL at {_database.Options.Server}: {e.Message}",
                e);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Nothing to do: other services may still write while they stop; the container disposes the database
        // (and its pool) after every hosted service has stopped.
        return Task.CompletedTask;
    }

    private static bool IsAboutTheConnection(Exception e) => e switch
    {
        // Login refused (28xxx), no such database (3D000), no right to create or use the schema (42501).
        PostgresException { SqlState: var state } => state.StartsWith("28", StringComparison.Ordinal) || state is "3D000" or "42501",
        NpgsqlException { InnerException: SocketException or IOException or TimeoutException } => true,
        NpgsqlException { IsTransient: true } => true,
        _ => false,
    };
}
