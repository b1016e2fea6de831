using Webhooks.Modular.Abstractions.Storage;

namespace Webhooks.Modular.Api.Management.Views;

/// <summary>One run in a list: where it stands and how long it took.</summary>
/// <param name="Id">The run's id.</param>
/// <param name="Number">Its number (0 when the store does not number runs).</param>
/// <param name="EventId">The event that started it.</param>
/// <param name="RequestId">The inbound request behind that event.</param>
/// <param name="Hook">The hook whose action it runs.</param>
/// <param name="Action">The action type.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Attempt">How many times it has been claimed.</param>
/// <param name="MaxAttempts">How many claims it may have.</param>
/// <param name="CreatedAt">When it was enqueued.</param>
/// <param name="StartedAt">When its latest attempt started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="DurationMs">From its latest start to its finish, when finished.</param>
/// <param name="ExitCode">The action's exit code.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="RerunOf">The run this one re-runs, or <c>null</c> for a run its event started.</param>
internal sealed record RunView(
    string Id,
    long Number,
    string EventId,
    string RequestId,
    string Hook,
    string Action,
    string Status,
    int Attempt,
    int MaxAttempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? DurationMs,
    int? ExitCode,
    string? Error,
    string? RerunOf)
{
    public static RunView From(RunRecord run) => new(
        run.Id,
        run.Number,
        run.EventId.ToString(),
        run.RequestId,
        run.HookName,
        run.ActionType,
        Statuses.Of(run.Status),
        run.Attempt,
        run.MaxAttempts,
        run.CreatedAt,
        run.StartedAt,
        run.FinishedAt,
        run is { StartedAt: { } started, FinishedAt: { } finished } ? (long)(finished - started).TotalMilliseconds : null,
        run.ExitCode,
        run.Error,
        run.RerunOf);
}
