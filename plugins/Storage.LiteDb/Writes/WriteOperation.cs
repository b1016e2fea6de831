using LiteDB;

namespace Webhooks.Modular.Storage.LiteDb.Writes;

/// <summary>
/// One caller's write, waiting in the queue. The writer runs it inside a transaction shared with the other waiting
/// writes, and tells the caller only once that transaction's outcome is known.
/// </summary>
internal abstract class WriteOperation
{
    /// <summary>Whether the caller stopped waiting before the writer reached the operation.</summary>
    public abstract bool IsAbandoned { get; }

    /// <summary>
    /// Runs the operation inside the writer's open transaction. It may run more than once: when another operation of
    /// the batch fails, the transaction is rolled back and the others run again, so it must read what it needs from
    /// the database each time, never from an earlier run.
    /// </summary>
    /// <param name="database">The database, with the writer's transaction open on this thread.</param>
    public abstract void Execute(LiteDatabase database);

    /// <summary>Tells the caller the operation failed by itself; nothing it wrote was kept.</summary>
    /// <param name="error">The operation's exception.</param>
    public abstract void Failed(Exception error);

    /// <summary>Tells the caller the outcome after the batch committed and reached the disk.</summary>
    public abstract void Committed();

    /// <summary>Tells the caller the batch did not commit, so nothing it wrote is durable.</summary>
    /// <param name="error">Why the batch failed.</param>
    public abstract void BatchFailed(Exception error);
}
