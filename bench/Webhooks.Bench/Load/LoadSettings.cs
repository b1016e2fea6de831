namespace Webhooks.Modular.Bench.Load;

/// <summary>How hard and how long to push one endpoint.</summary>
/// <param name="Concurrency">Concurrent request loops, each with at most one request in flight.</param>
/// <param name="Warmup">Time before the measured window; its requests count only towards <see cref="LoadResult.StatusCounts"/>.</param>
/// <param name="Measured">The measured window.</param>
/// <param name="MaxRequests">A cap on requests (warm-up included), so that the loops always end by themselves.</param>
internal sealed record LoadSettings(int Concurrency, TimeSpan Warmup, TimeSpan Measured, long MaxRequests);
