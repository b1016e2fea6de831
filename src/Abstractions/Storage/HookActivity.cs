namespace Webhooks.Modular.Abstractions.Storage;

/// <summary>What a hook has received and run, as stored.</summary>
/// <param name="HookName">The hook.</param>
/// <param name="Events">Events stored for it.</param>
/// <param name="LastEventAt">When its latest event was received, if any.</param>
/// <param name="Runs">Runs of its action.</param>
/// <param name="FailedRuns">Of those, the failed ones.</param>
/// <param name="LastRunAt">When its latest run was created, if any.</param>
public sealed record HookActivity(
    string HookName, long Events, DateTimeOffset? LastEventAt, long Runs, long FailedRuns, DateTimeOffset? LastRunAt);
