using Webhooks.Modular.Api.Management.Views;

namespace Webhooks.Modular.Api.Management.Replays;

/// <summary>
/// One bulk replay: the failed deliveries of a destination created in a time window, each replayed at most once.
/// Counters are written by the job's task and read by requests, hence the interlocked access.
/// </summary>
internal sealed class ReplayJob(string id, string destinationId, DateTimeOffset? from, DateTimeOffset? to, string createdBy, DateTimeOffset createdAt)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    // Never disposed: it has no timer, and a cancel racing the job's end must not meet a disposed source.
    private readonly CancellationTokenSource _cancel = new();
    private int _found;
    private int _replayed;
    private int _skipped;
    private volatile string _status = ReplayJobStatus.Running;
    private DateTimeOffset? _finishedAt;
    private string? _error;

    public string Id { get; } = id;

    public CancellationToken Cancellation => _cancel.Token;

    public bool IsRunning => _status == ReplayJobStatus.Running;

    /// <summary>True the first time a delivery is offered to this job; false for any repeat, so it is replayed once.</summary>
    public bool Claim(string deliveryId)
    {
        lock (_seen)
        {
            if (!_seen.Add(deliveryId))
            {
                return false;
            }
        }

        Interlocked.Increment(ref _found);
        return true;
    }

    public void Replayed() => Interlocked.Increment(ref _replayed);

    /// <summary>The delivery was pending already (replayed by someone else meanwhile, or deleted).</summary>
    public void Skipped() => Interlocked.Increment(ref _skipped);

    public void Cancel()
    {
        if (IsRunning)
        {
            _cancel.Cancel();
        }
    }

    public void Finish(string status, DateTimeOffset at, string? error = null)
    {
        _error = error;
        _finishedAt = at;
        _status = status;
    }

    public ReplayJobView View() => new(
        Id, destinationId, from, to, _status, Volatile.Read(ref _found), Volatile.Read(ref _replayed), Volatile.Read(ref _skipped),
        createdBy, createdAt, _finishedAt, _error);
}
