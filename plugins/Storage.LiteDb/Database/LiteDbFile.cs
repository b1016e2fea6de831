using System.Globalization;
using LiteDB;
using LiteDB.Engine;
using Webhooks.Modular.Storage.LiteDb.Writes;

namespace Webhooks.Modular.Storage.LiteDb.Database;

/// <summary>
/// One open database file: the LiteDB engine on it, its log file and its single writer. The file is locked to this
/// process; several hosts in one process (the contract suite's second host, tests) share one open file through
/// <see cref="Open"/>, so that they also share its writer, as hosts sharing a SQLite file share its lock.
/// </summary>
internal sealed class LiteDbFile
{
    /// <summary>
    /// The layout this code writes; raised when a later version changes documents or indexes. 2: events carry
    /// <c>feed_seq</c> (their place in the event feed) and deliveries an <c>order</c> key, both filled in for the
    /// documents of a version 1 file when it is opened.
    /// </summary>
    public const int LayoutVersion = 2;

    private static readonly Dictionary<string, LiteDbFile> Open_ = new(StringComparer.Ordinal);

    private readonly DurableFileStream _data;
    private readonly DurableFileStream _log;
    private int _users;

    private LiteDbFile(string path, DurableFileStream data, DurableFileStream log, LiteDatabase database, int maxBatchSize)
    {
        Path = path;
        _data = data;
        _log = log;
        Database = database;
        Writes = new LiteDbWriteQueue(database, log, maxBatchSize);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The database; reads may use it from any thread, writes go through <see cref="Writes"/>.</summary>
    public LiteDatabase Database { get; }

    /// <summary>The single writer.</summary>
    public LiteDbWriteQueue Writes { get; }

    /// <summary>Opens the file (creating it and its indexes when new), or shares it when this process has it open.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="logPath">LiteDB's log file beside it.</param>
    /// <param name="maxBatchSize">How many writes may share a commit (the first opener's setting wins).</param>
    /// <exception cref="InvalidDataException">The file holds a newer layout than this code knows.</exception>
    public static LiteDbFile Open(string path, string logPath, int maxBatchSize)
    {
        lock (Open_)
        {
            if (!Open_.TryGetValue(path, out var file))
            {
                file = Create(path, logPath, maxBatchSize);
                Open_.Add(path, file);
            }

            file._users++;
            return file;
        }
    }

    /// <summary>Gives the file back; the last user closes it, after its writer has drained.</summary>
    public async ValueTask ReleaseAsync()
    {
        lock (Open_)
        {
            if (--_users > 0)
            {
                return;
            }

            Open_.Remove(Path);
        }

        await Writes.DisposeAsync().ConfigureAwait(false);

        // Disposing checkpoints the log into the data file; the streams are ours to close afterwards.
        Database.Dispose();
        _log.Flush();
        _data.Flush();
        await _log.DisposeAsync().ConfigureAwait(false);
        await _data.DisposeAsync().ConfigureAwait(false);
    }

    private static LiteDbFile Create(string path, string logPath, int maxBatchSize)
    {
        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var data = new DurableFileStream(path);
        DurableFileStream? log = null;
        LiteDatabase? database = null;
        try
        {
            log = new DurableFileStream(logPath);
            var engine = new LiteEngine(new EngineSettings
            {
                DataStream = data,
                LogStream = log,

                // Ids, names and keys compare byte for byte, as in the SQL stores: 'A' and 'a' are two run ids.
                Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
            });
            database = new LiteDatabase(engine, mapper: null, disposeOnClose: true);
            Prepare(database, log);
            return new LiteDbFile(path, data, log, database, maxBatchSize);
        }
        catch
        {
            database?.Dispose();
            log?.Dispose();
            data.Dispose();
            throw;
        }
    }

    private static void Prepare(LiteDatabase database, Stream log)
    {
        var meta = database.GetCollection(Collections.Meta);
        var layout = meta.FindById("layout");
        if (layout is not null && layout["version"].AsInt32 > LayoutVersion)
        {
            throw new InvalidDataException(
                $"the database has layout version {layout["version"].AsInt32}, newer than this plugin knows ({LayoutVersion}); use a newer Storage.LiteDb");
        }

        if (layout is not null && layout["version"].AsInt32 < 2)
        {
            LayoutUpgrade.ToVersion2(database, log);
        }

        // The indexes every query below walks; EnsureIndex does nothing when one exists.
        var events = database.GetCollection(Collections.Events);
        events.EnsureIndex("order");
        events.EnsureIndex("feed_seq");
        var runs = database.GetCollection(Collections.Runs);
        runs.EnsureIndex("hook_name");
        runs.EnsureIndex("order");
        runs.EnsureIndex("event_id");
        runs.EnsureIndex("queue");
        runs.EnsureIndex("lease_expires_at");
        var keys = database.GetCollection(Collections.IdempotencyKeys);
        keys.EnsureIndex("expires_at");
        keys.EnsureIndex("event_id");
        var tokens = database.GetCollection(Collections.AuthTokens);
        tokens.EnsureIndex("hash", unique: true);
        tokens.EnsureIndex("scope");
        tokens.EnsureIndex("expires_at");
        database.GetCollection(Collections.Users).EnsureIndex("normalized_username", unique: true);
        database.GetCollection(Collections.Destinations).EnsureIndex("owner");
        var deliveries = database.GetCollection(Collections.Deliveries);
        deliveries.EnsureIndex("destination_id");
        deliveries.EnsureIndex("event_id");
        deliveries.EnsureIndex("order");
        deliveries.EnsureIndex("status");
        database.GetCollection(Collections.DeliveryAttempts).EnsureIndex("delivery_id");

        if (layout is null || layout["version"].AsInt32 < LayoutVersion)
        {
            meta.Upsert(new BsonDocument { ["_id"] = "layout", ["version"] = LayoutVersion });
        }
    }
}
