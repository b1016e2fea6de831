namespace Webhooks.Modular.Surfaces.Dagu.Dags;

/// <summary>A DAG as this surface runs it: its steps, in file order.</summary>
/// <param name="Name">The DAG's name: its file name without the extension.</param>
/// <param name="File">The YAML file it was read from.</param>
/// <param name="Steps">At least one step.</param>
internal sealed record DagDefinition(string Name, string File, IReadOnlyList<DagStep> Steps);
