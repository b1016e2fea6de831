namespace Webhooks.Modular.Surfaces.Kestra.Api;

/// <summary>An execution's state, as Kestra shows it.</summary>
/// <param name="Current"><c>CREATED</c> (queued), <c>RUNNING</c>, <c>SUCCESS</c> or <c>FAILED</c>.</param>
/// <param name="Histories">The states it went through, oldest first.</param>
/// <param name="StartDate">When it was created (UTC).</param>
/// <param name="EndDate">When it finished (UTC), once it has.</param>
/// <param name="Duration">How long it took, as an ISO-8601 duration, once it has finished.</param>
internal sealed record ExecutionStateView(
    string Current, IReadOnlyList<StateHistoryView> Histories, DateTime StartDate, DateTime? EndDate, string? Duration);
