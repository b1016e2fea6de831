using LiteDB;
using Webhooks.Modular.Storage.LiteDb.Configuration;
using Webhooks.Modular.Storage.LiteDb.Writes;

namespace Webhooks.Modular.Storage.LiteDb.Database;

/// <summary>
/// The database the plugin's stores share: reads straight from LiteDB (which gives each a snapshot of the last
/// commit), writes through the single writer. It opens on first use or at host start, whichever comes first, so the
/// stores work without a host and a host still fails fast on a bad file.
/// </summary>
internal sealed class LiteDbDatabase : IAsyncDisposable
{
    private readonly SemaphoreSlim _initializing = new(1, 1);
    private volatile LiteDbFile? _file;
    private volatile bool _disposed;

    /// <summary>Creates the database object; nothing is opened until first use.</summary>
    /// <param name="options">The plugin's settings.</param>
    /// <param name="timeProvider">The clock for every stored time.</param>
    public LiteDbDatabase(LiteDbStorageOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Options = options;
        TimeProvider = timeProvider;
    }

    /// <summary>The settings the database was opened with.</summary>
    public LiteDbStorageOptions Options { get; }

    /// <summary>The clock for every stored time.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The current time as stored: unix milliseconds.</summary>
    public long NowMilliseconds => UnixTime.ToMilliseconds(TimeProvider.GetUtcNow());

    /// <summary>The writer, for tests that look at its commit counters; <c>null</c> until initialised.</summary>
    internal LiteDbWriteQueue? Writes => _file?.Writes;

    /// <summary>Opens (or creates) the file and its indexes. Safe to call any number of times from any thread.</summary>
    /// <param name="cancellationToken">Cancels waiting for another caller's initialisation.</param>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_file is not null)
        {
            return;
        }

        await _initializing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _file ??= LiteDbFile.Open(Options.Path, Options.LogPath, Options.MaxBatchSize);
        }
        finally
        {
            _initializing.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on the single writer, sharing a commit with whatever else is waiting.</summary>
    /// <typeparam name="T">What the operation returns.</typeparam>
    /// <param name="work">The writes; throwing leaves nothing of them written.</param>
    /// <param name="cancellationToken">Cancels waiting; the write may still commit.</param>
    /// <returns>The operation's result, once its transaction has committed and reached the disk.</returns>
    public async Task<T> WriteAsync<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _file!.Writes.WriteAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the last committed state.</summary>
    /// <typeparam name="T">What the read returns.</typeparam>
    /// <param name="read">The read; it must not write.</param>
    /// <param name="cancellationToken">Cancels opening the file.</param>
    public async Task<T> ReadAsync<T>(Func<LiteDatabase, T> read, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return read(_file!.Database);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _initializing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_file is { } file)
            {
                _file = null;
                await file.ReleaseAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _initializing.Release();
        }
    }
}
