using Microsoft.Data.Sqlite;
using Webhooks.Modular.Storage.Sqlite.Configuration;
using Webhooks.Modular.Storage.Sqlite.Schema;
using Webhooks.Modular.Storage.Sqlite.Writes;

namespace Webhooks.Modular.Storage.Sqlite.Database;

/// <summary>
/// The database file shared by the plugin's stores: one writer (behind <see cref="SqliteWriteQueue"/>) and
/// pooled read connections. It opens on first use or at host start, whichever comes first, so the stores
/// work without a host and a host still fails fast on a bad file.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _initializing = new(1, 1);
    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private volatile SqliteWriteQueue? _writes;
    private volatile bool _disposed;

    /// <summary>Creates the database object; nothing is opened until first use.</summary>
    /// <param name="options">The plugin's settings.</param>
    /// <param name="timeProvider">The clock for every stored time.</param>
    /// <param name="migrations">The schema; tests pass their own to simulate other versions.</param>
    public SqliteDatabase(SqliteStorageOptions options, TimeProvider timeProvider, IReadOnlyList<SchemaMigration>? migrations = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Options = options;
        TimeProvider = timeProvider;
        _migrations = migrations ?? SchemaMigrations.All;

        // The writer is one long-lived connection: pooling it would only keep the file open after disposal.
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString();

        // Readers never create the file (the writer has by then) and are pooled, since each read opens one.
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>The settings the database was opened with.</summary>
    public SqliteStorageOptions Options { get; }

    /// <summary>The clock for every stored time.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The current time as stored: unix milliseconds.</summary>
    public long NowMilliseconds => UnixTime.ToMilliseconds(TimeProvider.GetUtcNow());

    /// <summary>The newest schema version this code knows: what a migrated file is at.</summary>
    public int KnownSchemaVersion => _migrations.Count == 0 ? 0 : _migrations.Max(m => m.Version);

    /// <summary>The writer, for tests that look at its commit counters; <c>null</c> until initialised.</summary>
    internal SqliteWriteQueue? Writes => _writes;

    /// <summary>
    /// Creates the folder and the file if needed, sets the pragmas, applies pending migrations and starts
    /// the writer. Safe to call any number of times from any thread.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for another caller's initialisation.</param>
    /// <exception cref="SchemaTooNewException">The file has a newer schema than this code knows.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_writes is not null)
        {
            return;
        }

        await _initializing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writes is not null)
            {
                return;
            }

            var folder = Path.GetDirectoryName(Options.Path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            var connection = OpenWriteConnection();
            try
            {
                SchemaMigrator.Migrate(connection, _migrations, TimeProvider.GetUtcNow());
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            _writes = new SqliteWriteQueue(connection, OpenWriteConnection, Options.MaxBatchSize);
        }
        finally
        {
            _initializing.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on the single writer, sharing a commit with whatever else is waiting.</summary>
    /// <typeparam name="T">What the operation returns.</typeparam>
    /// <param name="work">The SQL to run; throwing rolls back only this operation.</param>
    /// <param name="cancellationToken">Cancels waiting; the write may still commit.</param>
    /// <returns>The operation's result, once its transaction has committed.</returns>
    public async Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await _writes!.WriteAsync(work, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a pooled read connection; WAL lets it read alongside the writer.</summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>An open connection the caller disposes.</returns>
    public async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs a query on a read connection and maps every row.</summary>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">Name/value pairs to bind (<c>null</c> values bind as NULL).</param>
    /// <param name="read">Maps the current row.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, IReadOnlyList<(string Name, object? Value)> parameters, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            var rows = new List<T>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
    }

    /// <summary>Runs a query expected to find at most one row; <c>null</c> when it finds none.</summary>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">Name/value pairs to bind.</param>
    /// <param name="read">Maps the row.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<T?> QuerySingleAsync<T>(
        string sql, IReadOnlyList<(string Name, object? Value)> parameters, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
        where T : class =>
        (await QueryAsync(sql, parameters, read, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Finishes the queued writes, then closes every connection to the file.</summary>
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
            if (_writes is { } writes)
            {
                await writes.DisposeAsync().ConfigureAwait(false);
            }

            // Pooled readers keep the file (and its -wal and -shm) open; release them with the database.
            using var pooled = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
        finally
        {
            _initializing.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private SqliteConnection OpenWriteConnection()
    {
        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();

            // WAL lets readers run alongside the writer, and a commit appends to one file instead of
            // rewriting pages twice. It is a property of the file, so this also checks it took effect.
            command.CommandText = "PRAGMA journal_mode = WAL";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The SQLite database '{Options.Path}' could not be switched to WAL mode (it is in '{mode}' mode).");
            }

            var synchronous = Options.Synchronous == SqliteSynchronousMode.Normal ? "NORMAL" : "FULL";
            var busyTimeout = (long)Options.BusyTimeout.TotalMilliseconds;
            command.CommandText = $"""
                PRAGMA synchronous = {synchronous};
                PRAGMA foreign_keys = ON;
                PRAGMA busy_timeout = {busyTimeout};
                """;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
