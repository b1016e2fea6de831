using Microsoft.Extensions.Logging;
using Webhooks.Modular.Abstractions.Storage;
using Webhooks.Modular.Storage.Sqlite.Diagnostics;

namespace Webhooks.Modular.Storage.Sqlite.Signals;

/// <summary>
/// Change signals between the processes on one SQLite file: the host's verbs (<c>trigger create</c>,
/// <c>destination create</c>) run in their own process and write to the same database as the running server. After
/// such a commit the store rewrites a small file named after the signal's kind in the folder <c>{path}.signals</c>
/// beside the database; every process that subscribed watches that folder (inotify on Linux) and hears the change at
/// once, instead of at its next poll. Polling stays the fallback: a watcher that cannot start (say, the inotify limit
/// is reached) or a lost event only delays the change.
/// </summary>
internal sealed class SqliteStoreSignals : IStoreSignals, IDisposable
{
    private static readonly string[] Kinds = [StoreSignalKinds.Hooks, StoreSignalKinds.Deliveries, StoreSignalKinds.Destinations];

    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private Action<string>[] _subscribers = [];
    private FileSystemWatcher? _watcher;

    /// <summary>Creates the signals of the database at <paramref name="databasePath"/>.</summary>
    /// <param name="databasePath">The database file's full path.</param>
    /// <param name="logger">Where a watcher that cannot start and a throwing subscriber are reported.</param>
    public SqliteStoreSignals(string databasePath, ILogger logger)
    {
        Folder = databasePath + ".signals";
        _logger = logger;
    }

    /// <summary>The folder of the signal files.</summary>
    public string Folder { get; }

    /// <inheritdoc />
    public IDisposable Subscribe(Action<string> onSignal)
    {
        ArgumentNullException.ThrowIfNull(onSignal);
        lock (_gate)
        {
            _subscribers = [.. _subscribers, onSignal];
            _watcher ??= StartWatcher();
        }

        return new Subscription(this, onSignal);
    }

    /// <summary>Tells every process on this database, this one included, that work of <paramref name="kind"/> was committed.</summary>
    /// <param name="kind">One of <see cref="StoreSignalKinds"/>.</param>
    public void Publish(string kind)
    {
        try
        {
            Directory.CreateDirectory(Folder);

            // The content does not matter; the write is the signal. A fresh value makes it a change even to a reader
            // that compares contents.
            File.WriteAllText(Path.Combine(Folder, kind), DateTime.UtcNow.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The commit has happened; the other processes see it at their next poll.
            Log.SignalNotSent(_logger, kind, Folder, e.Message);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    private FileSystemWatcher? StartWatcher()
    {
        try
        {
            Directory.CreateDirectory(Folder);
            var watcher = new FileSystemWatcher(Folder)
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
            watcher.Changed += (_, e) => Raise(e.Name);
            watcher.Created += (_, e) => Raise(e.Name);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            Log.SignalsNotWatched(_logger, Folder, e.Message);
            return null;
        }
    }

    private void Raise(string? name)
    {
        var kind = Array.Find(Kinds, k => string.Equals(k, name, StringComparison.Ordinal));
        if (kind is null)
        {
            return;
        }

        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber(kind);
            }
            catch (Exception e)
            {
                // The contract says subscribers do not throw; one that does must not silence the others.
                Log.SubscriberFailed(_logger, kind, e.Message);
            }
        }
    }

    private void Unsubscribe(Action<string> onSignal)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers.Where(s => s != onSignal)];
        }
    }

    private sealed class Subscription(SqliteStoreSignals owner, Action<string> onSignal) : IDisposable
    {
        public void Dispose() => owner.Unsubscribe(onSignal);
    }
}
