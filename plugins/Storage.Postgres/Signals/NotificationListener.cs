using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Webhooks.Modular.Storage.Postgres.Database;
using Webhooks.Modular.Storage.Postgres.Diagnostics;

namespace Webhooks.Modular.Storage.Postgres.Signals;

/// <summary>
/// Holds one connection that <c>LISTEN</c>s on the schema's channel and hands every notification to
/// <see cref="PostgresStoreSignals"/>. When the connection breaks it reconnects with a growing delay (1 s to 30 s)
/// and then wakes every subscriber once, since notifications sent meanwhile are lost; workers poll anyway.
/// </summary>
internal sealed class NotificationListener : BackgroundService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(10);

    private readonly PostgresDatabase _database;
    private readonly PostgresStoreSignals _signals;
    private readonly ILogger _logger;

    /// <summary>Creates the listener.</summary>
    /// <param name="database">The shared database (its listening data source and channel).</param>
    /// <param name="signals">Where notifications go.</param>
    /// <param name="logger">Where connection trouble is reported.</param>
    public NotificationListener(PostgresDatabase database, PostgresStoreSignals signals, ILogger logger)
    {
        _database = database;
        _signals = signals;
        _logger = logger;
    }

    /// <summary>
    /// Starts listening and waits (at most <see cref="StartPatience"/>) until the first <c>LISTEN</c> is in place, so
    /// that work other hosts commit once this host is up wakes it at once. Past that, the host starts anyway and the
    /// listener keeps trying; its workers poll meanwhile.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting.</param>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _signals.Listening.WaitAsync(StartPatience, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Reported by the loop's own warning; not a reason to stop the host.
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = FirstRetryDelay;
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var connection = await _database.ListenDataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    connection.Notification += OnNotification;
                    var listen = new NpgsqlCommand($"LISTEN \"{_database.Channel}\"", connection);
                    await using (listen.ConfigureAwait(false))
                    {
                        await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                    }

                    if (connectedBefore)
                    {
                        Log.ListenerRestored(_logger, _database.Channel);
                        _signals.PublishAll();
                    }
                    else
                    {
                        Log.Listening(_logger, _database.Channel);
                    }

                    connectedBefore = true;
                    delay = FirstRetryDelay;
                    _signals.MarkListening();

                    // Notifications arrive while waiting; WaitAsync returns after each one (and throws when the
                    // connection breaks, including a keepalive that finds the server gone).
                    while (true)
                    {
                        await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.ListenerFailed(_logger, e.Message, delay.TotalSeconds);
                try
                {
                    // Real time, not the injected clock: a test's frozen clock must not stop reconnection.
                    await Task.Delay(delay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e) => _signals.Publish(e.Payload);
}
