using Microsoft.Data.Sqlite;

namespace Webhooks.Modular.Storage.Sqlite.Writes;

/// <summary>
/// One caller's write, waiting in the queue. The writer runs it inside a savepoint of a shared transaction,
/// and tells the caller only once that transaction's outcome is known.
/// </summary>
internal abstract class WriteOperation
{
    /// <summary>Whether the caller stopped waiting before the writer reached the operation.</summary>
    public abstract bool IsAbandoned { get; }

    /// <summary>Runs the operation; an exception means its savepoint is rolled back.</summary>
    /// <param name="transaction">The batch's transaction.</param>
    public abstract void Execute(SqliteTransaction transaction);

    /// <summary>Remembers why the operation itself failed; reported once the batch is settled.</summary>
    /// <param name="error">The operation's exception.</param>
    public abstract void RecordFailure(Exception error);

    /// <summary>Tells the caller the outcome after the batch committed.</summary>
    public abstract void Committed();

    /// <summary>Tells the caller the batch did not commit, so nothing it wrote is durable.</summary>
    /// <param name="error">Why the batch failed.</param>
    public abstract void BatchFailed(Exception error);
}
