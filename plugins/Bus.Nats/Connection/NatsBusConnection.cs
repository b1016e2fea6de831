using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Webhooks.Modular.Bus.Nats.Configuration;

namespace Webhooks.Modular.Bus.Nats.Connection;

/// <summary>
/// The one connection the relay, the consumer and the health check share, and the stream they use. The client
/// reconnects by itself; the stream is (re)declared on first use after start-up or after a failure, so a host that
/// starts while NATS is down runs all the same and sets the stream up when NATS comes.
/// </summary>
internal sealed class NatsBusConnection : IAsyncDisposable
{
    private readonly NatsBusOptions _options;
    private readonly SemaphoreSlim _streamLock = new(1, 1);
    private volatile bool _streamReady;
    private bool _declared;

    public NatsBusConnection(NatsBusOptions options)
    {
        _options = options;
        Connection = new NatsConnection(NatsOpts.Default with
        {
            Url = options.Url,
            Name = "webhooks-modular",
            RetryOnInitialConnect = true,
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
        });
        JetStream = new NatsJSContext(Connection);
    }

    public NatsConnection Connection { get; }

    public NatsJSContext JetStream { get; }

    public bool IsConnected => Connection.ConnectionState == NatsConnectionState.Open;

    /// <summary>Creates the stream, or brings its subjects and limits to the settings.</summary>
    public async Task EnsureStreamAsync(CancellationToken cancellationToken)
    {
        if (_streamReady)
        {
            return;
        }

        await _streamLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_streamReady)
            {
                return;
            }

            await Connection.ConnectAsync().ConfigureAwait(false);
            var config = new StreamConfig(_options.Stream, _options.Subjects.ToArray())
            {
                MaxAge = _options.MaxAge,
                MaxMsgs = _options.MaxMessages,
                MaxBytes = _options.MaxBytes,
                DuplicateWindow = _options.DuplicateWindow,
                Storage = _options.Storage == "memory" ? StreamConfigStorage.Memory : StreamConfigStorage.File,
            };
            if (!_declared)
            {
                // Once per start: brings an existing stream to the settings.
                await JetStream.CreateOrUpdateStreamAsync(config, cancellationToken).ConfigureAwait(false);
                _declared = true;
            }
            else
            {
                // After a failure only recreate a stream that is gone: updating a live stream on every hiccup would
                // be needless churn on the server.
                try
                {
                    await JetStream.GetStreamAsync(_options.Stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (NatsJSApiException ex) when (ex.Error.Code == 404)
                {
                    await JetStream.CreateStreamAsync(config, cancellationToken).ConfigureAwait(false);
                }
            }

            _streamReady = true;
        }
        finally
        {
            _streamLock.Release();
        }
    }

    /// <summary>After a failure the stream is declared again (it may have been deleted, or NATS restarted empty).</summary>
    public void Failed() => _streamReady = false;

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync().ConfigureAwait(false);
        _streamLock.Dispose();
    }
}
