using Webhooks.Modular.Abstractions.Delivery;

namespace Webhooks.Modular.Api.Management.Views;

/// <summary>One attempt of a delivery.</summary>
/// <param name="Attempt">Its number, from 1.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="DurationMs">How long it took.</param>
/// <param name="StatusCode">The answer's HTTP status, if one came.</param>
/// <param name="ResponseExcerpt">The start of the answer's body.</param>
/// <param name="Error">What went wrong, if it failed.</param>
internal sealed record AttemptView(int Attempt, DateTimeOffset StartedAt, long DurationMs, int? StatusCode, string? ResponseExcerpt, string? Error)
{
    public static AttemptView From(DeliveryAttemptRecord attempt) => new(
        attempt.Attempt, attempt.StartedAt, (long)Math.Round(attempt.Duration.TotalMilliseconds), attempt.StatusCode, attempt.ResponseExcerpt, attempt.Error);
}
