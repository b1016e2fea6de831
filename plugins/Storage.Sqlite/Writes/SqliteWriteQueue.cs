using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Webhooks.Modular.Storage.Sqlite.Writes;

/// <summary>
/// The only writer to the database. Callers queue operations; one loop takes everything waiting (up to the
/// batch size), runs it in one transaction with a savepoint per operation, and commits once. With
/// <c>synchronous=FULL</c> a commit costs a disk sync, so sharing commits is what makes many small durable
/// writes fast; having a single writer also means our own writes never meet SQLITE_BUSY.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    // One name serves every operation: savepoints are strictly nested, and each is released before the next
    // one is opened.
    private const string SavepointName = "operation";

    private readonly Channel<WriteOperation> _channel = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    // Wakes the writer thread when a write is queued (or the queue completes). Set by callers, reset by the writer
    // before it drains the channel, so a write queued between its last read and its wait is never missed.
    private readonly ManualResetEventSlim _wake = new(initialState: false);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<SqliteConnection> _openConnection;
    private readonly int _maxBatchSize;
    private SqliteConnection? _connection;
    private long _batches;
    private long _commits;
    private long _committedOperations;

    /// <summary>Starts the writer loop on an open connection.</summary>
    /// <param name="connection">The writer connection, open and configured; the queue owns it from now on.</param>
    /// <param name="openConnection">Opens a replacement when a failed batch leaves the connection unusable.</param>
    /// <param name="maxBatchSize">How many operations may share one transaction.</param>
    public SqliteWriteQueue(SqliteConnection connection, Func<SqliteConnection> openConnection, int maxBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _connection = connection;
        _openConnection = openConnection;
        _maxBatchSize = maxBatchSize;

        // A thread of its own, not the thread pool: the writer blocks in every commit (the disk sync), which would hold
        // one of the pool's few threads (two on a 2-core machine) the whole time, and an awaiting writer's wake-up was
        // queued behind the very requests waiting for it, so it sat idle while they waited.
        new Thread(Run) { IsBackground = true, Name = "sqlite-writer" }.Start();
    }

    /// <summary>How many batches the writer has run, committed or not.</summary>
    internal long Batches => Interlocked.Read(ref _batches);

    /// <summary>How many transactions the writer has committed.</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>How many operations those commits carried (including ones that failed inside their savepoint).</summary>
    internal long CommittedOperations => Interlocked.Read(ref _committedOperations);

    /// <summary>
    /// Queues a write and waits until the transaction that carries it has committed (or failed).
    /// </summary>
    /// <typeparam name="T">What the operation returns.</typeparam>
    /// <param name="work">Runs on the writer inside a savepoint; throwing rolls back only this operation.</param>
    /// <param name="cancellationToken">Cancels waiting; an operation already under way may still commit.</param>
    /// <exception cref="ObjectDisposedException">The queue is shutting down.</exception>
    public Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var operation = new WriteOperation<T>(work, cancellationToken);
        if (!_channel.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteWriteQueue), "The SQLite write queue is shut down.");
        }

        _wake.Set();

        return operation.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking writes, finishes the ones already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        _wake.Set();
        await _stopped.Task.ConfigureAwait(false);

        // _wake is not disposed: a caller whose write was queued just before completion may still be about to Set it.
        _connection?.Dispose();
        _connection = null;
    }

    private void Run()
    {
        var reader = _channel.Reader;
        var batch = new List<WriteOperation>(Math.Min(_maxBatchSize, 1024));

        // Completion is true only once the channel is completed AND empty, so disposal drains.
        while (!reader.Completion.IsCompleted)
        {
            _wake.Reset();
            while (batch.Count < _maxBatchSize && reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            if (batch.Count == 0)
            {
                _wake.Wait();
                continue;
            }

            WriteBatch(batch);
            batch.Clear();
        }

        _stopped.TrySetResult();
    }

    private void WriteBatch(List<WriteOperation> batch)
    {
        Interlocked.Increment(ref _batches);
        var started = Stopwatch.GetTimestamp();
        SqliteTransaction? transaction = null;
        try
        {
            _connection ??= _openConnection();
            transaction = _connection.BeginTransaction(deferred: false);
            foreach (var operation in batch)
            {
                if (operation.IsAbandoned)
                {
                    continue;
                }

                transaction.Save(SavepointName);
                try
                {
                    operation.Execute(transaction);
                }
                catch (Exception error)
                {
                    operation.RecordFailure(error);

                    // If SQLite already rolled back the whole transaction (disk full, I/O error), this throws
                    // and the batch fails below, which is then the truth.
                    transaction.Rollback(SavepointName);
                }

                transaction.Release(SavepointName);
            }

            transaction.Commit();
            transaction.Dispose();
        }
        catch (Exception error)
        {
            Abandon(transaction);
            Measure(batch.Count, started, "failed");
            foreach (var operation in batch)
            {
                operation.BatchFailed(error);
            }

            return;
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _committedOperations, batch.Count);
        Measure(batch.Count, started, "committed");
        foreach (var operation in batch)
        {
            operation.Committed();
        }
    }

    private void Abandon(SqliteTransaction? transaction)
    {
        // Nothing here may throw: an exception escaping the loop would leave every later write waiting forever.
        try
        {
            transaction?.Dispose();
        }
        catch (Exception)
        {
            // SQLite may have rolled back on its own already; what matters is the check below.
        }

        // A connection still inside a transaction would fold the next batch into this failed one; start over
        // on a fresh connection instead.
        try
        {
            if (_connection is not null && SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
            {
                _connection.Dispose();
                _connection = null;
            }
        }
        catch (Exception)
        {
            _connection = null;
        }
    }

    private static void Measure(int operations, long started, string outcome)
    {
        var tag = new KeyValuePair<string, object?>("webhooks.outcome", outcome);
        SqliteWriteMetrics.BatchSize.Record(operations, tag, SqliteWriteMetrics.DatabaseTag);
        SqliteWriteMetrics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag, SqliteWriteMetrics.DatabaseTag);
    }
}
