namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>One recorded attempt.</summary>
/// <param name="DeliveryId">The delivery.</param>
/// <param name="Attempt">Its number, from 1.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="StatusCode">The response status, when there was one.</param>
/// <param name="ResponseExcerpt">A bounded excerpt of the response body.</param>
/// <param name="Error">Why it failed, when it did.</param>
public sealed record DeliveryAttemptRecord(
    string DeliveryId, int Attempt, DateTimeOffset StartedAt, TimeSpan Duration, int? StatusCode, string? ResponseExcerpt, string? Error);
