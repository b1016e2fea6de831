namespace Webhooks.Modular.Abstractions.Delivery;

/// <summary>What one delivery attempt came to.</summary>
/// <param name="Succeeded">A 2xx within the timeout.</param>
/// <param name="StatusCode">The response status, when there was one.</param>
/// <param name="Duration">How long the attempt took.</param>
/// <param name="ResponseExcerpt">A bounded excerpt of the response body.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="RetryAfter">A delay the destination asked for (429/503 <c>Retry-After</c>).</param>
public sealed record DeliveryAttemptResult(
    bool Succeeded, int? StatusCode, TimeSpan Duration, string? ResponseExcerpt, string? Error, TimeSpan? RetryAfter);
