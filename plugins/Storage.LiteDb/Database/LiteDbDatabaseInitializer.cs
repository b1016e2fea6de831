using LiteDB;
using Microsoft.Extensions.Hosting;
using Webhooks.Modular.Abstractions.Plugins;

namespace Webhooks.Modular.Storage.LiteDb.Database;

/// <summary>Opens the database when the host starts, so that a bad path or file stops the host with a one-line error.</summary>
internal sealed class LiteDbDatabaseInitializer(LiteDbDatabase database, PluginContext context) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is LiteException or InvalidDataException or UnauthorizedAccessException or IOException)
        {
            // What the operator must change is the path setting (or the plugin's version), so report it like any other
            // configuration error: one line naming the file, the plugin and the key.
            throw new PluginConfigurationException(
                context.ConfigurationFile, context.Name, "settings:path", $"cannot use '{database.Options.Path}' as the LiteDB database: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Nothing to do here: other services may still write while they stop; the container disposes the database
        // after every hosted service has stopped, and disposal drains the write queue.
        return Task.CompletedTask;
    }
}
