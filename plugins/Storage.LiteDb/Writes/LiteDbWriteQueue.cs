using System.Diagnostics;
using System.Threading.Channels;
using LiteDB;

namespace Webhooks.Modular.Storage.LiteDb.Writes;

/// <summary>
/// The only writer to the database. Callers queue operations; one loop takes everything waiting (up to the batch
/// size), runs it in one LiteDB transaction, commits once and syncs the log file once. LiteDB allows one write
/// transaction per collection at a time and binds a transaction to its thread, so concurrent accepts can only share
/// a commit by being run by one writer like this; the disk sync they share is what makes many small durable writes
/// fast. LiteDB has no savepoints: when one operation throws, the whole transaction is rolled back and the batch
/// runs again without it, so the others still commit together and the failed one leaves nothing behind.
/// </summary>
internal sealed class LiteDbWriteQueue : IAsyncDisposable
{
    private readonly Channel<WriteOperation> _channel = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly LiteDatabase _database;
    private readonly Stream _log;
    private readonly int _maxBatchSize;
    private readonly Task _loop;
    private long _batches;
    private long _commits;
    private long _committedOperations;

    /// <summary>Starts the writer loop.</summary>
    /// <param name="database">The open database.</param>
    /// <param name="log">LiteDB's log file, synced after every commit.</param>
    /// <param name="maxBatchSize">How many operations may share one transaction.</param>
    public LiteDbWriteQueue(LiteDatabase database, Stream log, int maxBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _database = database;
        _log = log;
        _maxBatchSize = maxBatchSize;

        // A thread of its own: LiteDB binds a transaction to the thread that began it, and the loop blocks on disk syncs.
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>How many batches the writer has run, committed or not.</summary>
    internal long Batches => Interlocked.Read(ref _batches);

    /// <summary>How many transactions the writer has committed (each with one disk sync).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>How many operations those commits carried.</summary>
    internal long CommittedOperations => Interlocked.Read(ref _committedOperations);

    /// <summary>Queues a write and waits until the transaction that carries it has committed and reached the disk (or failed).</summary>
    /// <typeparam name="T">What the operation returns.</typeparam>
    /// <param name="work">Runs on the writer inside the shared transaction; throwing leaves nothing of it written.</param>
    /// <param name="cancellationToken">Cancels waiting; an operation already under way may still commit.</param>
    /// <exception cref="ObjectDisposedException">The queue is shutting down.</exception>
    public Task<T> WriteAsync<T>(Func<LiteDatabase, T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var operation = new WriteOperation<T>(work, cancellationToken);
        if (!_channel.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(LiteDbWriteQueue), "The LiteDB write queue is shut down.");
        }

        return operation.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking writes and finishes the ones already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private void Run()
    {
        var reader = _channel.Reader;
        var batch = new List<WriteOperation>(Math.Min(_maxBatchSize, 1024));

        // WaitToReadAsync answers false only once the channel is completed AND empty, so disposal drains.
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var operation))
            {
                if (!operation.IsAbandoned)
                {
                    batch.Add(operation);
                }
                else
                {
                    operation.Committed(); // reports the cancellation; nothing was written
                }
            }

            if (batch.Count > 0)
            {
                WriteBatch(batch);
                batch.Clear();
            }
        }
    }

    private void WriteBatch(List<WriteOperation> batch)
    {
        Interlocked.Increment(ref _batches);
        var started = Stopwatch.GetTimestamp();
        var count = batch.Count;
        try
        {
            while (batch.Count > 0)
            {
                _database.BeginTrans();
                WriteOperation? failed = null;
                Exception? failure = null;
                foreach (var operation in batch)
                {
                    try
                    {
                        operation.Execute(_database);
                    }
                    catch (Exception error)
                    {
                        failed = operation;
                        failure = error;
                        break;
                    }
                }

                if (failed is null)
                {
                    _database.Commit();

                    // LiteDB's commit leaves the pages in the OS; this is the sync that makes them survive a power cut.
                    _log.Flush();
                    break;
                }

                // LiteDB has already rolled back when its own call threw; then this is a no-op.
                _database.Rollback();
                batch.Remove(failed);
                failed.Failed(failure!);
            }
        }
        catch (Exception error)
        {
            TryRollback();
            Measure(count, started, "failed");
            foreach (var operation in batch)
            {
                operation.BatchFailed(error);
            }

            return;
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _committedOperations, batch.Count);
        Measure(count, started, "committed");
        foreach (var operation in batch)
        {
            operation.Committed();
        }
    }

    private void TryRollback()
    {
        // Nothing here may throw: an exception escaping the loop would leave every later write waiting forever.
        try
        {
            _database.Rollback();
        }
        catch (Exception)
        {
            // The engine may be closed (an I/O error closes it); every later write then fails with that error.
        }
    }

    private static void Measure(int operations, long started, string outcome)
    {
        var tag = new KeyValuePair<string, object?>("webhooks.outcome", outcome);
        LiteDbWriteMetrics.BatchSize.Record(operations, tag);
        LiteDbWriteMetrics.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tag);
    }
}
