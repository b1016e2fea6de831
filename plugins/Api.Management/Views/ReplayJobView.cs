namespace Webhooks.Modular.Api.Management.Views;

/// <summary>A bulk replay of a destination's failed deliveries and its progress.</summary>
/// <param name="Id">The job's id.</param>
/// <param name="DestinationId">The destination.</param>
/// <param name="From">Deliveries created at or after this time, if given.</param>
/// <param name="To">Deliveries created before this time, if given.</param>
/// <param name="Status"><c>running</c>, <c>completed</c>, <c>cancelled</c> or <c>failed</c>.</param>
/// <param name="Found">Failed deliveries found so far.</param>
/// <param name="Replayed">Of those, replayed (each at most once per job).</param>
/// <param name="Skipped">Of those, not replayed: pending again by the time the job reached them.</param>
/// <param name="CreatedBy">The user who started it.</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Error">Why it failed, if it did.</param>
internal sealed record ReplayJobView(
    string Id,
    string DestinationId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    string Status,
    int Found,
    int Replayed,
    int Skipped,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? Error);
