namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>A run as stored.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="EventId">The event that started it.</param>
/// <param name="RequestId">The inbound request behind that event.</param>
/// <param name="HookName">The hook whose action it runs.</param>
/// <param name="ActionType">The action type.</param>
/// <param name="Input">The input JSON.</param>
/// <param name="Status">Its status.</param>
/// <param name="Attempt">How many times it has been claimed.</param>
/// <param name="MaxAttempts">How many claims it may have.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
/// <param name="StartedAt">When its latest attempt started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="ExitCode">The action's exit code.</param>
/// <param name="Output">Captured output.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="LeaseOwner">The worker holding it, while running.</param>
/// <param name="LeaseExpiresAt">When that lease ends.</param>
/// <param name="Details">The action's structured detail (JSON), if it gave any.</param>
public sealed record RunRecord(
    string Id,
    Guid EventId,
    string RequestId,
    string HookName,
    string ActionType,
    string Input,
    RunStatus Status,
    int Attempt,
    int MaxAttempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? ExitCode,
    string? Output,
    string? Error,
    string? LeaseOwner,
    DateTimeOffset? LeaseExpiresAt,
    string? Details = null)
{
    /// <summary>
    /// The run's number: a positive integer the store assigns when it accepts the run, unique among the runs of one
    /// database and larger than the number of every run whose acceptance had committed before this run's acceptance
    /// began, so every host of that database shows the same number for the same run. Numbers may have gaps (a
    /// rejected or rolled-back acceptance can use some up).
    /// <c>0</c> when the store does not number runs.
    /// </summary>
    public long Number { get; init; }

    /// <summary>The run this one re-runs (<see cref="IRunReruns"/>), or <c>null</c> for a run its event started.</summary>
    public string? RerunOf { get; init; }
}
