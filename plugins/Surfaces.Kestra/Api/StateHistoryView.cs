namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>One state an execution went through.</summary>
/// <param name="State">The state, such as <c>CREATED</c>.</param>
/// <param name="Date">When it entered it (UTC).</param>
internal sealed record StateHistoryView(string State, DateTime Date);
