using Microsoft.Data.Sqlite;
using Webhooks.Modular.Abstractions.Delivery;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Configuration;
using Webhooks.Modular.Storage.Sqlite.Credentials;
using Webhooks.Modular.Storage.Sqlite.Database;
using Webhooks.Modular.Storage.Sqlite.Deliveries;
using Webhooks.Modular.Storage.Sqlite.Events;
using Webhooks.Modular.Storage.Sqlite.Hooks;
using Webhooks.Modular.Storage.Sqlite.Runs;
using Webhooks.Modular.Storage.Sqlite.Tokens;
using Webhooks.Modular.Storage.Sqlite.Users;
using Webhooks.Modular.Storage.Sqlite.Schema;
using Webhooks.Modular.Storage.Sqlite.Writes;

namespace Webhooks.Modular.Storage.Sqlite.Tests.Fixtures;

/// <summary>A real SQLite file in its own temporary folder, with the plugin's stores over it.</summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(TempFolder folder, FakeTimeProvider clock, int maxBatchSize, IReadOnlyList<SchemaMigration>? migrations)
    {
        Folder = folder;
        Clock = clock;
        MaxBatchSize = maxBatchSize;
        Database = new SqliteDatabase(
            new SqliteStorageOptions { Path = System.IO.Path.Combine(folder.Path, "db", "webhooks.db"), MaxBatchSize = maxBatchSize },
            clock,
            migrations);
        Events = new SqliteEventStore(Database);
        Runs = new SqliteRunQueue(Database);
        Hooks = new SqliteHookStore(Database);
        Tokens = new SqliteAuthTokenStore(Database);
        Users = new SqliteUserStore(Database);
        Deliveries = new SqliteDeliveryStore(Database);
        Credentials = new SqliteCredentialStore(Database);
    }

    public TempFolder Folder { get; }

    public FakeTimeProvider Clock { get; }

    public int MaxBatchSize { get; }

    public SqliteDatabase Database { get; }

    public IEventStore Events { get; }

    public IRunQueue Runs { get; }

    public IHookStore Hooks { get; }

    public IAuthTokenStore Tokens { get; }

    public IUserStore Users { get; }

    public IDeliveryStore Deliveries { get; }

    public ICredentialStore Credentials { get; }

    public string Path => Database.Options.Path;

    /// <summary>The writer, started if it was not yet.</summary>
    public SqliteWriteQueue Writes => Database.Writes ?? throw new InvalidOperationException("Initialise the database first.");

    /// <summary>A database in a new temporary folder.</summary>
    public static TestDatabase Create(int maxBatchSize = SqliteStorageOptions.DefaultMaxBatchSize, IReadOnlyList<SchemaMigration>? migrations = null) =>
        new(new TempFolder(), new FakeTimeProvider(), maxBatchSize, migrations);

    /// <summary>Closes this database and opens the same file again, as a restarted process would.</summary>
    /// <param name="migrations">The schema the "new process" knows, when not the real one.</param>
    public async Task<TestDatabase> ReopenAsync(IReadOnlyList<SchemaMigration>? migrations = null)
    {
        await Database.DisposeAsync();
        return new TestDatabase(Folder, Clock, MaxBatchSize, migrations);
    }

    /// <summary>Runs one query on a connection of its own, outside the plugin, and returns the first column.</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    /// <summary>Counts rows of a table, outside the plugin.</summary>
    public async Task<long> CountAsync(string table) => (long)(await ScalarAsync($"SELECT COUNT(*) FROM {table}"))!;

    /// <summary>
    /// Blocks the writer inside an operation until released, so that everything queued meanwhile is taken
    /// by the next batch together.
    /// </summary>
    public async Task<WriterHold> HoldWriterAsync()
    {
        await Database.InitializeAsync(CancellationToken.None);
        var hold = new WriterHold();
        hold.Completion = Database.WriteAsync(
            _ =>
            {
                hold.Started.TrySetResult();
                return hold.Released.Wait(TimeSpan.FromSeconds(30));
            },
            CancellationToken.None);
        await hold.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return hold;
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Folder.Dispose();
    }
}
