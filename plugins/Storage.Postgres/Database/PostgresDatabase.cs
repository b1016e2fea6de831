using System.Data;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Webhooks.Modular.Storage.Postgres.Configuration;
using Webhooks.Modular.Storage.Postgres.Diagnostics;
using Webhooks.Modular.Storage.Postgres.Schema;

namespace Webhooks.Modular.Storage.Postgres.Database;

/// <summary>
/// The database shared by the plugin's stores: one pooled <see cref="NpgsqlDataSource"/>, the schema's name, the
/// notification channel and the clock. The schema is migrated at host start, or on first use, whichever comes
/// first, so the stores work without a host and a host still fails fast on a bad database.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable, IDisposable
{
    // How often the listening connection proves the server is still there while no notification arrives, unless
    // the connection string chooses; without it a server that vanished silently would leave the host deaf.
    private const int ListenerKeepAliveSeconds = 15;

    private const int DefaultMaxAutoPrepare = 64;

    private readonly SemaphoreSlim _initializing = new(1, 1);
    private readonly IReadOnlyList<SchemaMigration> _migrations;
    private readonly ILogger _logger;
    private readonly Lazy<NpgsqlDataSource> _listenDataSource;
    private volatile bool _initialized;
    private volatile bool _disposed;

    /// <summary>Creates the database object; nothing is opened until first use.</summary>
    /// <param name="options">The plugin's settings.</param>
    /// <param name="timeProvider">The clock for every stored time.</param>
    /// <param name="loggerFactory">Where Npgsql and the plugin log.</param>
    /// <param name="migrations">The schema; tests pass their own to simulate other versions.</param>
    public PostgresDatabase(
        PostgresStorageOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null, IReadOnlyList<SchemaMigration>? migrations = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Options = options;
        TimeProvider = timeProvider;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger("Webhooks.Modular.Storage.Postgres");
        _migrations = migrations ?? SchemaMigrations.All;
        Schema = $"\"{options.Schema}\"";
        Channel = "webhooks_" + options.Schema;

        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (options.MaxPoolSize is { } maxPoolSize)
        {
            builder.ConnectionStringBuilder.MaxPoolSize = maxPoolSize;
            builder.ConnectionStringBuilder.MinPoolSize = Math.Min(builder.ConnectionStringBuilder.MinPoolSize, maxPoolSize);
        }

        // The stores run a few dozen statements over and over: prepared once per connection they skip parsing and
        // planning (accepting is about 40% faster). A connection string that sets it (0 for a PgBouncer in
        // transaction mode that cannot keep prepared statements) is left alone.
        if (!Mentions(options.ConnectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
        {
            builder.ConnectionStringBuilder.ApplicationName = PostgresStorageOptions.DefaultApplicationName;
        }

        builder.UseLoggerFactory(loggerFactory);
        DataSource = builder.Build();

        // The listener gets its own, unpooled connection: it is held for the host's lifetime and must not take a
        // slot from the stores' pool, and a broken one is closed for good rather than returned.
        _listenDataSource = new Lazy<NpgsqlDataSource>(() =>
        {
            var listen = new NpgsqlDataSourceBuilder(builder.ConnectionString);
            listen.ConnectionStringBuilder.Pooling = false;
            if (listen.ConnectionStringBuilder.KeepAlive == 0)
            {
                listen.ConnectionStringBuilder.KeepAlive = ListenerKeepAliveSeconds;
            }

            listen.UseLoggerFactory(loggerFactory);
            return listen.Build();
        });
    }

    /// <summary>The settings the database was opened with.</summary>
    public PostgresStorageOptions Options { get; }

    /// <summary>The clock for every stored time.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The stores' connections.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Where the listener opens its connection.</summary>
    public NpgsqlDataSource ListenDataSource => _listenDataSource.Value;

    /// <summary>The schema as written in SQL (quoted), to prefix table names with.</summary>
    public string Schema { get; }

    /// <summary>The notification channel of this schema: <c>webhooks_</c> and the schema's name.</summary>
    public string Channel { get; }

    /// <summary>The current time as stored (whole milliseconds).</summary>
    public DateTimeOffset Now => StoredTime.From(TimeProvider.GetUtcNow());

    /// <summary>The newest schema version this code knows: what a migrated schema is at.</summary>
    public int KnownSchemaVersion => _migrations.Count == 0 ? 0 : _migrations.Max(m => m.Version);

    /// <summary>The schema version found or reached by <see cref="InitializeAsync"/>; 0 before.</summary>
    public int SchemaVersion { get; private set; }

    /// <summary>
    /// A SQL expression that sends a notification of <paramref name="kind"/> on this schema's channel. PostgreSQL
    /// delivers it when the transaction commits, and drops it when it rolls back.
    /// </summary>
    /// <param name="kind">One of <see cref="Abstractions.Storage.StoreSignalKinds"/>.</param>
    public string Notify(string kind) => $"pg_notify('{Channel}', '{kind}')";

    /// <summary>Applies pending migrations, once; safe to call any number of times from any thread.</summary>
    /// <param name="cancellationToken">Cancels waiting for the database or another caller's initialisation.</param>
    /// <exception cref="SchemaTooNewException">The schema is newer than this code knows.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initializing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_initialized)
            {
                return;
            }

            var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var (version, applied) = await SchemaMigrator.MigrateAsync(connection, Options.Schema, _migrations, Now, cancellationToken).ConfigureAwait(false);
                SchemaVersion = version;
                Log.SchemaReady(_logger, Options.Schema, Options.Server, version, applied);
            }

            _initialized = true;
        }
        finally
        {
            _initializing.Release();
        }
    }

    /// <summary>Opens a pooled connection, migrating the schema first if nothing has yet.</summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>An open connection the caller disposes.</returns>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> in a read-committed transaction; the work commits, or it is rolled back.</summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="work">The statements; call <see cref="NpgsqlTransaction.CommitAsync(CancellationToken)"/> to keep them.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var started = Stopwatch.GetTimestamp();
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                T result;
                try
                {
                    result = await work(connection, transaction).ConfigureAwait(false);
                }
                catch
                {
                    PostgresWriteMetrics.Record(started, "failed");
                    throw;
                }

                // Npgsql lets go of the connection once the transaction completes; the work never rolls back
                // explicitly, so a completed transaction is a committed one.
                PostgresWriteMetrics.Record(started, transaction.Connection is null ? "committed" : "rolled_back");
                return result;
            }
        }
    }

    /// <summary>Runs one statement (its own transaction) and returns how many rows it changed.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">Names (without <c>@</c>) and values.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    public async Task<int> ExecuteAsync(string sql, IReadOnlyList<(string Name, object? Value)> parameters, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(sql, connection);
            await using (command.ConfigureAwait(false))
            {
                SqlParameters.Bind(command.Parameters, parameters);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    PostgresWriteMetrics.Record(started, "committed");
                    return changed;
                }
                catch
                {
                    PostgresWriteMetrics.Record(started, "failed");
                    throw;
                }
            }
        }
    }

    /// <summary>Runs one statement (its own transaction) and maps every row it returns.</summary>
    /// <typeparam name="T">A row.</typeparam>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">Names (without <c>@</c>) and values.</param>
    /// <param name="read">Maps the current row.</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(
        string sql, IReadOnlyList<(string Name, object? Value)> parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var command = new NpgsqlCommand(sql, connection);
            await using (command.ConfigureAwait(false))
            {
                SqlParameters.Bind(command.Parameters, parameters);
                return await ReadAllAsync(command, read, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs a query expected to find at most one row; <c>null</c> when it finds none.</summary>
    /// <typeparam name="T">A row.</typeparam>
    /// <param name="sql">The query.</param>
    /// <param name="parameters">Names (without <c>@</c>) and values.</param>
    /// <param name="read">Maps the row.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<T?> QuerySingleAsync<T>(
        string sql, IReadOnlyList<(string Name, object? Value)> parameters, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        where T : class =>
        (await QueryAsync(sql, parameters, read, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Executes <paramref name="command"/> and maps every row.</summary>
    /// <typeparam name="T">A row.</typeparam>
    /// <param name="command">A command ready to run.</param>
    /// <param name="read">Maps the current row.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }
        }

        return rows;
    }

    /// <summary>Closes every pooled connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await DataSource.DisposeAsync().ConfigureAwait(false);
        if (_listenDataSource.IsValueCreated)
        {
            await _listenDataSource.Value.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static bool Mentions(string connectionString, params string[] keywords)
    {
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return keywords.Any(written.ContainsKey);
    }
}
