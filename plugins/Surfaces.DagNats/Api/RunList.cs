namespace Webhooks.Modular.Surfaces.DagNats.Api;

/// <summary>The answer to listing a trigger's runs: <c>{"runs": [...]}</c>, newest first.</summary>
/// <param name="Runs">The runs.</param>
internal sealed record RunList(IReadOnlyList<RunView> Runs);
