using Microsoft.Data.Sqlite;

namespace Webhooks.Modular.Storage.Sqlite.Writes;

/// <summary>A write that produces a <typeparamref name="T"/> for its caller.</summary>
/// <typeparam name="T">What the caller gets back.</typeparam>
internal sealed class WriteOperation<T> : WriteOperation
{
    private readonly Func<SqliteTransaction, T> _work;
    private readonly CancellationToken _cancellationToken;

    // Continuations must not run on the writer: a caller that does slow work after its write would hold up
    // every other write behind it.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private T? _result;
    private Exception? _failure;
    private bool _executed;

    /// <summary>Creates the operation.</summary>
    /// <param name="work">The SQL to run; it runs on the writer, so it must not block on anything else.</param>
    /// <param name="cancellationToken">When cancelled before the writer reaches it, the operation is skipped.</param>
    public WriteOperation(Func<SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        _work = work;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Completes after the batch holding this operation is settled.</summary>
    public Task<T> Task => _completion.Task;

    /// <inheritdoc />
    public override bool IsAbandoned => _cancellationToken.IsCancellationRequested;

    /// <inheritdoc />
    public override void Execute(SqliteTransaction transaction)
    {
        _result = _work(transaction);
        _executed = true;
    }

    /// <inheritdoc />
    public override void RecordFailure(Exception error) => _failure = error;

    /// <inheritdoc />
    public override void Committed()
    {
        if (_failure is not null)
        {
            _completion.TrySetException(_failure);
        }
        else if (_executed)
        {
            _completion.TrySetResult(_result!);
        }
        else
        {
            _completion.TrySetCanceled(_cancellationToken);
        }
    }

    /// <inheritdoc />
    public override void BatchFailed(Exception error)
    {
        // An operation that failed by itself keeps its own error: it is the more useful of the two.
        _completion.TrySetException(_failure ?? error);
    }
}
