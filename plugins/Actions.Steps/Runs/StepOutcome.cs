namespace Webhooks.Modular.Actions.Steps.Runs;

/// <summary>What one step of a run came to, as stored in the run's details.</summary>
/// <param name="Id">The step's id.</param>
/// <param name="Status"><c>succeeded</c>, <c>failed</c> or <c>skipped</c> (an earlier step failed).</param>
/// <param name="ExitCode">The command's exit code, when it ran to an exit.</param>
/// <param name="Output">Captured stdout and stderr.</param>
/// <param name="Error">Why it failed.</param>
public sealed record StepOutcome(string Id, string Status, int? ExitCode, string Output, string? Error)
{
    /// <summary>The step's command exited 0.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The step's command failed; the steps after it did not run.</summary>
    public const string Failed = "failed";

    /// <summary>An earlier step failed, so this one did not run.</summary>
    public const string Skipped = "skipped";
}
