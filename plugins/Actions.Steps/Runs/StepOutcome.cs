namespace Webhooks.Modular.Actions.Steps.Runs;

/// <summary>What one step of a run came to, as stored in the run's details.</summary>
/// <param name="Id">The step's id.</param>
/// <param name="Status"><c>succeeded</c>, <c>failed</c> or <c>skipped</c> (an earlier step failed).</param>
/// <param name="ExitCode">The command's exit code, when it ran to an exit.</param>
/// <param name="Output">Captured stdout and stderr.</param>
/// <param name="Error">Why it failed.</param>
internal sealed record StepOutcome(string Id, string Status, int? ExitCode, string Output, string? Error)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
}
