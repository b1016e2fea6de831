namespace Webhooks.Modular.Surfaces.Dagu.Runs;

/// <summary>
/// Run ids are unique per DAG in Dagu but unique across the whole store here, so a DAG run is stored as
/// <c>{dag}:{dagRunId}</c>: two DAGs may each have a run <c>deploy-1</c>. Responses show the DAG's own part.
/// </summary>
internal static class DagRunIds
{
    /// <summary>The stored run id of a DAG run.</summary>
    /// <param name="dag">The DAG's name.</param>
    /// <param name="dagRunId">The DAG run id.</param>
    public static string Compose(string dag, string dagRunId) => $"{dag}:{dagRunId}";

    /// <summary>The DAG run id of a stored run id (the part after the DAG's prefix); the id itself when it has no such prefix.</summary>
    /// <param name="dag">The DAG's name.</param>
    /// <param name="runId">The stored run id.</param>
    public static string Strip(string dag, string runId) =>
        runId.StartsWith(dag + ":", StringComparison.Ordinal) ? runId[(dag.Length + 1)..] : runId;
}
