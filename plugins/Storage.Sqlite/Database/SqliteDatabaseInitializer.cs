using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Webhooks.Modular.Abstractions.Plugins;
using Webhooks.Modular.Storage.Sqlite.Schema;

namespace Webhooks.Modular.Storage.Sqlite.Database;

/// <summary>
/// Opens the database when the host starts, so that a bad path or a too-new schema stops the host before it
/// accepts a request rather than failing the first one.
/// </summary>
internal sealed class SqliteDatabaseInitializer : IHostedService
{
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    private readonly SqliteDatabase _database;
    private readonly PluginContext _context;

    /// <summary>Creates the initializer.</summary>
    /// <param name="database">The shared database.</param>
    /// <param name="context">The plugin's context, to name the <c>path</c> setting in errors.</param>
    public SqliteDatabaseInitializer(SqliteDatabase database, PluginContext context)
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
        catch (Exception e) when (IsAboutThePath(e))
        {
            // What the operator must change is the path setting (or the plugin's version), so report it like
            // any other configuration error: one line naming the file, the plugin and the key.
            throw new PluginConfigurationException(_context.ConfigurationFile, _context.Name, "settings:path", Describe(e), e);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Nothing to do here: other services may still write while they stop; the container disposes the
        // database after every hosted service has stopped, and disposal drains the write queue.
        return Task.CompletedTask;
    }

    private static bool IsAboutThePath(Exception e) => e switch
    {
        SchemaTooNewException => true,
        SqliteException { SqliteErrorCode: SqliteCantOpen or SqliteNotADatabase } => true,
        UnauthorizedAccessException or IOException => true,
        _ => false,
    };

    private string Describe(Exception e) => e is SchemaTooNewException
        ? e.Message
        : $"cannot use '{_database.Options.Path}' as the SQLite database: {e.Message}";
}
