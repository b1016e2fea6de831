using Microsoft.Extensions.Hosting;

namespace Webhooks.Modular.Storage.Sqlite.Database;

/// <summary>
/// Opens the database when the host starts, so that a bad path or a too-new schema stops the host before it
/// accepts a request rather than failing the first one.
/// </summary>
internal sealed class SqliteDatabaseInitializer : IHostedService
{
    private readonly SqliteDatabase _database;

    /// <summary>Creates the initializer.</summary>
    /// <param name="database">The shared database.</param>
    public SqliteDatabaseInitializer(SqliteDatabase database) => _database = database;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => _database.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Nothing to do here: other services may still write while they stop; the container disposes the
        // database after every hosted service has stopped, and disposal drains the write queue.
        return Task.CompletedTask;
    }
}
