namespace Webhooks.Modular.Surfaces.Dagu.Trigger;

/// <summary>Dagu's answer to an accepted trigger: <c>{"dagRunId","dagName"}</c>.</summary>
/// <param name="DagRunId">The run's id within the DAG (the caller's <c>dagRunId</c>, or one made for it).</param>
/// <param name="DagName">The DAG.</param>
internal sealed record TriggerAccepted(string DagRunId, string DagName);
