namespace Webhooks.Modular.Abstractions.Actions;

/// <summary>The outcome of one attempt of a run.</summary>
/// <param name="Succeeded">Whether the run succeeded.</param>
/// <param name="ExitCode">The exit code, for actions that have one.</param>
/// <param name="Output">Captured output (bounded by the action).</param>
/// <param name="Error">Why it failed, when it did.</param>
public sealed record RunResult(bool Succeeded, int? ExitCode, string Output, string? Error)
{
    /// <summary>Structured detail as JSON (such as each step's exit code and output), stored with the run.</summary>
    public string? Details { get; init; }

    /// <summary>A success with optional output.</summary>
    /// <param name="output">Captured output.</param>
    public static RunResult Success(string output = "") => new(true, 0, output, null);

    /// <summary>A failure.</summary>
    /// <param name="error">Why it failed.</param>
    /// <param name="output">Captured output.</param>
    public static RunResult Failure(string error, string output = "") => new(false, null, output, error);
}
