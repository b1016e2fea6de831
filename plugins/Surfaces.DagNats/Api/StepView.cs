namespace Webhooks.Modular.Surfaces.DagNats.Api;

/// <summary>One step of a workflow run, read from the run's details (written by the <c>steps</c> action).</summary>
/// <param name="Id">The step's id.</param>
/// <param name="Status"><c>succeeded</c>, <c>failed</c> or <c>skipped</c>.</param>
/// <param name="ExitCode">Its exit code, when it ran to an exit.</param>
/// <param name="Output">Its output.</param>
/// <param name="Error">Why it failed.</param>
internal sealed record StepView(string Id, string Status, int? ExitCode, string? Output, string? Error);
