namespace Webhooks.Modular.Api.Management.Views;

/// <summary>A hook: whether it is configured, and what it has received and run.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Configured">Whether it is a hook of this deployment now (false: only its stored history remains).</param>
/// <param name="Enabled">Whether it accepts requests (<c>null</c> when not configured).</param>
/// <param name="Events">Events stored for it.</param>
/// <param name="LastEventAt">When its latest event was received.</param>
/// <param name="Runs">Runs of its action.</param>
/// <param name="FailedRuns">Of those, the failed ones.</param>
/// <param name="LastRunAt">When its latest run was created.</param>
internal sealed record HookView(
    string Name, bool Configured, bool? Enabled, long Events, DateTimeOffset? LastEventAt, long Runs, long FailedRuns, DateTimeOffset? LastRunAt);
