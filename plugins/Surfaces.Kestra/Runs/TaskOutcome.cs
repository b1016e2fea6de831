using System.Text.Json.Serialization;

namespace Webhooks.Modular.Surfaces.Kestra.Runs;

/// <summary>What one task of an execution came to, as stored in the run's details.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="Type">The task's Kestra type.</param>
/// <param name="State"><c>SUCCESS</c> or <c>FAILED</c>, as Kestra names task states.</param>
/// <param name="Output">A Log task's rendered message(s), or a shell task's captured stdout and stderr.</param>
/// <param name="ExitCode">A shell task's exit code, when it ran to an exit.</param>
/// <param name="Error">Why it failed.</param>
internal sealed record TaskOutcome(
    string Id,
    string Type,
    string State,
    string Output,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ExitCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error)
{
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";
}
