using LiteDB;

namespace Webhooks.Modular.Storage.LiteDb.Writes;

/// <summary>A write that produces a <typeparamref name="T"/> for its caller.</summary>
/// <typeparam name="T">What the caller gets back.</typeparam>
internal sealed class WriteOperation<T> : WriteOperation
{
    private readonly Func<LiteDatabase, T> _work;
    private readonly CancellationToken _cancellationToken;

    // Continuations must not run on the writer: a caller that does slow work after its write would hold up every
    // other write behind it.
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private T? _result;
    private bool _executed;

    /// <summary>Creates the operation.</summary>
    /// <param name="work">The writes to make; they run on the writer, so they must not block on anything else.</param>
    /// <param name="cancellationToken">When cancelled before the writer reaches it, the operation is skipped.</param>
    public WriteOperation(Func<LiteDatabase, T> work, CancellationToken cancellationToken)
    {
        _work = work;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Completes after the batch holding this operation is settled.</summary>
    public Task<T> Task => _completion.Task;

    /// <inheritdoc />
    public override bool IsAbandoned => _cancellationToken.IsCancellationRequested && !_executed;

    /// <inheritdoc />
    public override void Execute(LiteDatabase database)
    {
        _result = _work(database);
        _executed = true;
    }

    /// <inheritdoc />
    public override void Failed(Exception error) => _completion.TrySetException(error);

    /// <inheritdoc />
    public override void Committed()
    {
        if (_executed)
        {
            _completion.TrySetResult(_result!);
        }
        else
        {
            _completion.TrySetCanceled(_cancellationToken);
        }
    }

    /// <inheritdoc />
    public override void BatchFailed(Exception error) => _completion.TrySetException(error);
}
