namespace Webhooks.Modular.Actions.Steps.Files;

/// <summary>A steps file as read: its steps, in file order.</summary>
/// <param name="Path">The file (absolute).</param>
/// <param name="Steps">At least one step.</param>
internal sealed record StepsFile(string Path, IReadOnlyList<Step> Steps);
