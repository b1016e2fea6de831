namespace Webhooks.Modular.Surfaces.Dagu.Dags;

/// <summary>A DAG read from its file, or why it could not be.</summary>
/// <param name="Dag">The DAG, when it was read.</param>
/// <param name="Error">What is wrong (missing file, YAML error with its line, no steps), when it was not.</param>
internal sealed record DagLoadResult(DagDefinition? Dag, string? Error)
{
    public static DagLoadResult Loaded(DagDefinition dag) => new(dag, null);

    public static DagLoadResult Failed(string error) => new(null, error);
}
