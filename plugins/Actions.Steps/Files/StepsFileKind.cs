namespace Webhooks.Modular.Actions.Steps.Files;

/// <summary>
/// What a steps file is called in the errors of reading it, so that a surface whose files have another name (a Dagu
/// DAG) keeps its own wording.
/// </summary>
/// <param name="Name">The file's kind, as in "a {Name} must be a YAML mapping with 'steps'": <c>steps file</c>, <c>DAG</c>.</param>
/// <param name="NothingToRun">What an empty <c>steps</c> list means, after "'steps' is empty: ".</param>
public sealed record StepsFileKind(string Name, string NothingToRun)
{
    /// <summary>The <c>steps</c> action's own files.</summary>
    public static StepsFileKind Default { get; } = new("steps file", "there is nothing to run");
}
