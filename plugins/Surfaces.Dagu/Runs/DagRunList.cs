namespace Webhooks.Modular.Surfaces.Dagu.Runs;

/// <summary>The answer to listing a DAG's runs: <c>{"dagRuns": [...]}</c>, newest first.</summary>
/// <param name="DagRuns">The runs.</param>
internal sealed record DagRunList(IReadOnlyList<DagRunSummary> DagRuns);
