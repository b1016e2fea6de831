namespace Webhooks.Modular.Actions.Steps.Files;

/// <summary>A steps file read, or why it could not be.</summary>
/// <param name="File">The file, when it was read.</param>
/// <param name="Error">What is wrong (missing file, YAML error with its line, no steps), when it was not.</param>
internal sealed record StepsLoadResult(StepsFile? File, string? Error)
{
    public static StepsLoadResult Loaded(StepsFile file) => new(file, null);

    public static StepsLoadResult Failed(string error) => new(null, error);
}
